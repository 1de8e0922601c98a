import CSVAdapter
import ODSAdapter
import SheetKit
import XLSXAdapter

/// Chooses the ``TemplatePatcher`` for a template's format.
public enum TemplatePatchers {
    /// Whether okrsheet can write `format` back.
    public static func canPatch(_ format: FileFormat) -> Bool {
        format == .csv || format == .tsv || format == .xlsx || format == .xlsm || format == .ods
    }

    /// The error for a format that cannot be patched yet.
    static func notBuilt(_ format: FileFormat, file: String) -> SheetError {
        .unsupportedFormat(SourceLocation(file: file),
            "updating \(format.displayName) templates is not built yet; use --dry-run to see the new values, "
                + "or save the template as .xlsx or CSV")
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
        case .xlsx, .xlsm:
            patcher = try XLSXPatcher(path: path, displayName: plan.template, limits: plan.limits)
        case .ods:
            patcher = try ODSPatcher(path: path, displayName: plan.template, limits: plan.limits)
        default:
            throw notBuilt(plan.format, file: plan.template)
        }
        for edit in plan.edits {
            try patcher.setCell(sheet: edit.sheet, row: edit.row, column: edit.column, to: edit.value)
        }
        return patcher
    }
}
