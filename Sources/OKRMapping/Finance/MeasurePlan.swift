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
}
