#!/usr/bin/env python3
"""Makes the styled finance templates the XLSX update tests patch (run from this folder).

openpyxl_styled_finance_template.xlsx pins what an openpyxl-written template holds: formulas (progress
on the OKR sheet, a total on the second sheet), a status drop-down (data validation), conditional
formatting, a comment, a merged title, number formats, column widths and a second sheet.
libreoffice_styled_finance_template.xlsx is the same workbook saved again by LibreOffice
(`soffice --convert-to xlsx`), which writes shared strings, its own styles and no calcChain;
libreoffice_styled_finance_template.ods is it saved as OpenDocument (repeated rows and cells, styles
with conditions, an annotation, a content validation).
"""
import os
import shutil
import subprocess
import tempfile

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

ROWS = [
    ("F1.1", "Gezonde groei", "Kwartaalomzet", 0, 250000, 96500, 0.4, "🟡 Lopend", "CFO", "30-06-2026"),
    ("F1.2", "Gezonde groei", "Omzet diensten", 0, 60000, 18000, 0.3, "🟡 Lopend", "Sales manager", "15-06-2026"),
    ("F1.3", "Gezonde groei", "Omzet abonnementen (k€)", 0, 100, 40, 0.4, "🔵 Op schema", "Product owner", "30-06-2026"),
    ("F2.1", "Kosten onder controle", "Marketingkosten; beurzen en campagnes", 80000, 50000, 70000, 0.3, "🟡 Lopend", "CMO", "30-06-2026"),
    ("F2.2", "Kosten onder controle", "Opleidingsboekingen", 0, 20, 5, 0.3, "🟡 Lopend", "HR-manager", "31-05-2026"),
    ("F3.1", "Trouwe klanten", "Aantal klanten met omzet", 0, 8, 3, 0.4, "🟡 Lopend", "Accountmanager", "30-06-2026"),
    ("F3.2", "Trouwe klanten", "Klantentevredenheid", 7.0, 8.0, 7.4, 0.4, "🔵 Op schema", "Customer success", "30-06-2026"),
]


def styled_template(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR Q2"
    ws["A1"] = "OKR-rapportage financiën Q2 2026"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:K1")
    header = ["ID", "Doelstelling", "Sleutelresultaat", "Startwaarde", "Doelwaarde", "Huidige waarde",
              "Voortgang", "Score", "Status", "Verantwoordelijke", "Deadline"]
    ws.append([])
    ws.append(header)
    for c in range(1, 12):
        ws.cell(row=3, column=c).font = Font(bold=True)
        ws.cell(row=3, column=c).fill = PatternFill("solid", fgColor="DDEBF7")
    for i, (id_, obj, kr, start, target, current, score, status, owner, deadline) in enumerate(ROWS):
        r = 4 + i
        ws.cell(row=r, column=1, value=id_)
        ws.cell(row=r, column=2, value=obj)
        ws.cell(row=r, column=3, value=kr)
        for col, value in ((4, start), (5, target), (6, current)):
            cell = ws.cell(row=r, column=col, value=value)
            cell.number_format = "#,##0.0" if isinstance(value, float) else "#,##0"
        progress = ws.cell(row=r, column=7, value=f"=IF(E{r}=D{r},0,MAX(0,MIN(1,(F{r}-D{r})/(E{r}-D{r}))))")
        progress.number_format = "0%"
        ws.cell(row=r, column=8, value=score).number_format = "0.0"
        ws.cell(row=r, column=9, value=status)
        ws.cell(row=r, column=10, value=owner)
        ws.cell(row=r, column=11, value=deadline)
    ws["C4"].comment = Comment("Omzetrekeningen 8000-8099, zonder KP99", "Controller")
    statuses = '"🟢 Behaald,🔵 Op schema,🟡 Lopend,🔴 Achter op schema,⚪ Niet gestart"'
    dv = DataValidation(type="list", formula1=statuses, allow_blank=True)
    ws.add_data_validation(dv)
    dv.add("I4:I10")
    ws.conditional_formatting.add("I4:I10", CellIsRule(operator="equal", formula=['"🔵 Op schema"'],
                                                       fill=PatternFill("solid", bgColor="BDD7EE")))
    ws.column_dimensions["C"].width = 38
    ws.freeze_panes = "A4"
    notes = wb.create_sheet("Toelichting")
    notes["A1"] = "Toelichting"
    notes["A2"] = "Totaal huidige omzet"
    notes["B2"] = "='OKR Q2'!F4+'OKR Q2'!F5"
    notes["A3"] = "Bron: grootboek"
    wb.save(path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    first = os.path.join(here, "openpyxl_styled_finance_template.xlsx")
    styled_template(first)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "xlsx",
                        "--outdir", tmp, first], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "openpyxl_styled_finance_template.xlsx"),
                    os.path.join(here, "libreoffice_styled_finance_template.xlsx"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "ods",
                        "--outdir", tmp, first], check=True, capture_output=True)
        shutil.copy(os.path.join(tmp, "openpyxl_styled_finance_template.ods"),
                    os.path.join(here, "libreoffice_styled_finance_template.ods"))


if __name__ == "__main__":
    main()
