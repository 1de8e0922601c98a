/// Changes a few cells of an existing workbook file and writes it back with everything else kept as it
/// was: what `okrsheet update` writes through. One implementation per format (CSV today; XLSX and ODS
/// patching implement the same three members).
///
/// ```swift
/// let patcher: any TemplatePatcher = try CSVPatcher(path: "okr.csv", displayName: "okr.csv")
/// try patcher.setCell(sheet: 0, row: 3, column: 5, to: .text("131.806,11"))
/// try patcher.commit(to: "okr.csv")   // atomically
/// ```
public protocol TemplatePatcher: AnyObject {
    /// The format of the file being patched. CSV patchers write ``CellValue/text(_:)`` values as they
    /// are (the caller formats numbers in the template's convention); XLSX and ODS patchers take typed
    /// values (numbers, text) and keep the cell's style.
    var format: FileFormat { get }

    /// Sets the cell at a 0-based sheet, row and column (rows as the format's reader numbers them);
    /// a later call for the same cell replaces the earlier one.
    ///
    /// - Throws: ``SheetError`` when the cell cannot be set (no such sheet, a value the file's encoding
    ///   cannot hold).
    func setCell(sheet: Int, row: Int, column: Int, to value: CellValue) throws

    /// Writes the patched file to `path` atomically (a temporary file beside it, then a rename); `path`
    /// may be the file being patched.
    ///
    /// - Throws: ``SheetError`` when the source cannot be read again or the destination written.
    func commit(to path: String) throws
}
