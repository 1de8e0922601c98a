/// What a rule measures, as plain values for the hot loop.
struct MeasurePlan {
    enum Kind: UInt8 {
        case count, number, distinct, last
    }

    var kind: Kind
    var value = -1
    var date = -1
    /// A number range the rule's conditions require (`Grootboekrekening: {between: …}`), checked before
    /// the conditions themselves so that most rules are ruled out by one comparison; -1: none.
    var gateSlot = -1
    var gateLow = 0.0
    var gateHigh = 0.0
    /// A `kpi:` rule: the slot of the date that puts a row in its period; -1 for a key-result rule.
    var bucketDate = -1
    /// The day (since 1970-01-01) the first period starts.
    var bucketFirstDay = 0
    /// Days from the first period's start to the last one's end; a row dated outside is left out.
    var bucketSpan = 0
    /// Where the rule's days start in ``FrozenPlans/days``: per day, the index of its period, or -1.
    var bucketTable = 0
    /// The accumulator of the first period; the others follow it.
    var bucketBase = 0
}
