/// A rule's running result (or, for a `kpi:` rule, one period's).
struct LedgerAccumulator {
    var rows = 0
    /// A period's rows of the export, kept by the rule's conditions or not.
    var dated = 0
    var count = 0
    var sum = 0.0
    /// Neumaier's compensation, so a million amounts add up to the cent.
    var compensation = 0.0
    /// The part of the sum known exactly, in millionths.
    var exact: Int64 = 0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var lastDay = Int.min
    var hasLast = false
    var last = 0.0

    @inline(__always)
    mutating func add(_ v: Double, micros: Int64?) {
        count += 1
        if v < minimum { minimum = v }
        if v > maximum { maximum = v }
        if let micros {
            let (t, overflow) = exact.addingReportingOverflow(micros)
            if !overflow {
                exact = t
                return
            }
        }
        let t = sum + v
        if abs(sum) >= abs(v) { compensation += (sum - t) + v } else { compensation += (v - t) + sum }
        sum = t
    }

    /// The sum: the exact part, correctly rounded, plus the rest.
    var total: Double {
        let rest = sum + compensation
        return rest == 0 ? Double(exact) / 1e6 : Double(exact) / 1e6 + rest
    }
}
