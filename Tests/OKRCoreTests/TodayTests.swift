import Foundation
import OKRCore
import SheetKit
import Testing

@Test func todayIsTheCalendarsLocalDate() {
    func calendarToday() -> CivilDate {
        let c = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)
    }
    let before = calendarToday()
    let today = CivilDate.today()
    let after = calendarToday()
    #expect(today == before || today == after)
}
