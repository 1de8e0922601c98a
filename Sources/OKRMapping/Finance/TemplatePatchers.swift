import CSVAdapter
import SheetKit

/// Chooses the ``TemplatePatcher`` for a template's format. XLSX and ODS patching plug in here once the
/// adapters provide them.
public enum TemplatePatchers {
    /// Whether okrsheet can write `format` back.
    public static func canPatch(_ format: FileFormat) -> Bool {
        format == .csv || format == .tsv
    }

    /// The error for a format that cannot be patched yet.
    static func notBuilt(_ format: FileFormat, file: String) -> SheetError {
        .unsupportedFormat(SourceLocation(file: file),
            "updating .xlsx/.ods templates is not built yet (this template is \(format.displayName)); use --dry-run to see the new values, "
                + "or save the template as CSV")
    }

    /// A patcher for the template of `plan`, with the plan's edits applied.
    ///
    /// - Throws: ``SheetError`` for a format that cannot be patched, or an edit the file cannot hold.
    static func patcher(for plan: UpdatePlan, path: String) throws -> any TemplatePatcher {
        let patcher: any TemplatePatcher
        switch plan.format {
        case .csv, .tsv:
            if let dialect = plan.csvDialect {
                patcher = CSVPatcher(path: path, displayName: plan.template, dialect: dialect)
            } else {
                patcher = try CSVPatcher(path: path, displayName: plan.template)
            }
        default:
            throw notBuilt(plan.format, file: plan.template)
        }
        for edit in plan.edits {
            try patcher.setCell(sheet: edit.sheet, row: edit.row, column: edit.column, to: edit.value)
        }
        return patcher
    }
}
