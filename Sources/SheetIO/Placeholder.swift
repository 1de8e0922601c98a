import SheetKit
