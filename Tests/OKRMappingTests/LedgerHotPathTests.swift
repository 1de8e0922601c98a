@testable import OKRMapping
import Testing

extension FinanceTests {
    /// The gate index's table of whole numbers gives what bisection over the ranges gives.
    @Suite("Finding a rule by its account range")
    struct GateIndex {
        static func plans(_ ranges: [(Double, Double)], slot: Int = 0) -> [MeasurePlan] {
            ranges.map { low, high in
                var m = MeasurePlan(kind: .number, value: 1)
                m.gateSlot = slot
                m.gateLow = low
                m.gateHigh = high
                return m
            }
        }

        @Test func accountRangesAreLookedUpInATable() throws {
            let index = try #require(LedgerGateIndex(Self.plans([(6000, 6499), (4000, 4249), (4250, 4499), (8000, 8000)])))
            let lookup = index.lookup
            #expect(lookup.dense.count == 4001 && lookup.denseLow == 4000)
            #expect(lookup.rule(for: 4000) == 1 && lookup.rule(for: 4249) == 1 && lookup.rule(for: 4250) == 2)
            #expect(lookup.rule(for: 6499) == 0 && lookup.rule(for: 6500) == nil && lookup.rule(for: 8000) == 0 + 3)
            #expect(lookup.rule(for: 3999) == nil && lookup.rule(for: 8001) == nil && lookup.rule(for: -4000) == nil)
            #expect(lookup.rule(for: 4249.5) == nil && lookup.rule(for: 4100.25) == 1)
        }

        @Test func theTableAgreesWithBisection() throws {
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<200 {
                // Disjoint ranges, some with fractional or equal ends, some a single number.
                var ranges: [(Double, Double)] = []
                var at = Double(Int.random(in: -500...500, using: &generator)) + [0, 0.5, 0.25].randomElement(using: &generator)!
                for _ in 0..<Int.random(in: 2...12, using: &generator) {
                    let width = [0, 0.5, 1, 7, 99.75, 250].randomElement(using: &generator)!
                    ranges.append((at, at + width))
                    at += width + [0.25, 1, 3, 40].randomElement(using: &generator)!
                }
                ranges.shuffle(using: &generator)
                let index = try #require(LedgerGateIndex(Self.plans(ranges)))
                let lookup = index.lookup
                // A table whenever a whole number lies between the lowest and the highest bound.
                let lowest = ranges.map(\.0).min()!.rounded(.up), highest = ranges.map(\.1).max()!.rounded(.down)
                #expect(lookup.dense.isEmpty == (lowest > highest))
                for _ in 0..<300 {
                    let x = Double(Int.random(in: -700...Int(at) + 50, using: &generator)) + [0, 0, 0.25, 0.5, -0.75].randomElement(using: &generator)!
                    let expected = ranges.indices.first { ranges[$0].0 <= x && x <= ranges[$0].1 }
                    #expect(lookup.rule(for: x) == expected, "\(x) in \(ranges)")
                    #expect(lookup.bisect(x) == expected)
                }
            }
        }

        @Test func aSpanTooWideForATableIsBisected() throws {
            let index = try #require(LedgerGateIndex(Self.plans([(0, 10), (1e9, 2e9)])))
            #expect(index.lookup.dense.isEmpty)
            #expect(index.lookup.rule(for: 5) == 0 && index.lookup.rule(for: 1.5e9) == 1 && index.lookup.rule(for: 11) == nil)
        }
    }
}

extension FinanceTests {
    /// Dates read through the cache read as without it: hits, misses, collisions, invalid dates.
    @Suite("Caching dates")
    struct DayCache {
        @Test func aCachedDateReadsAsAnUncachedOne() {
            var generator = SystemRandomNumberGenerator()
            let cache = LedgerDayCache()
            let separators: [Character] = ["-", "/", ".", " ", "x"]
            // A few thousand distinct texts, each read several times, so entries are evicted and reused.
            var texts: [String] = []
            for _ in 0..<3000 {
                let d = Int.random(in: 0...32, using: &generator), m = Int.random(in: 0...13, using: &generator)
                let y = Int.random(in: 1890...2100, using: &generator)
                let sep = separators.randomElement(using: &generator)!
                func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
                texts.append("\(two(d))\(sep)\(two(m))\(sep)\(y)")
            }
            texts += ["2026-05-15", "  1-5-2026", "45000.5   ", "20260515  ", "31-02-2026", "29-02-2024", "29-02-2100"]
            for _ in 0..<4 {
                for text in texts.shuffled(using: &generator) {
                    var copy = text
                    copy.withUTF8 { utf8 in
                        let raw = UnsafeRawBufferPointer(utf8)
                        #expect(raw.count != 10 || cache.day(raw) == LedgerValueReader.day(raw), "\(text)")
                    }
                }
            }
        }
    }
}
