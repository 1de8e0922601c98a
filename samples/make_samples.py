#!/usr/bin/env python3
"""Rebuilds the sample templates from seed 001 (../shared/seeds/001-…): run it after changing the data
below. It writes .xlsx with openpyxl, .csv by hand (as a Dutch Excel saves it: `;`, decimal comma,
Windows-1252) and .ods by converting the .xlsx with LibreOffice (`soffice --headless --convert-to ods`).

    python3 samples/make_samples.py                      # every sample
    python3 samples/make_samples.py okr-kpi-2026.xlsx    # only the samples named
"""
import csv, datetime, io, os, shutil, subprocess, sys, tempfile
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Alignment

HERE = os.path.dirname(os.path.abspath(__file__))

# Seed 001, section 5 ("OKR-Rapportagesjabloon"), with a current-value column added.
TEMPLATE_HEADER = ["Niveau", "Doelstelling", "Sleutelresultaat", "Startwaarde", "Doelwaarde", "Huidige waarde",
                   "Status", "Verantwoordelijke", "Deadline"]
TEMPLATE_ROWS = [
    ["Bedrijf", "Verhoog verkoop", "Conversieratio 25%", "18%", "25%", "21%", "🔵 Op schema", "Commercieel directeur", "30-06-2026"],
    ["Marketing", "Verdubbel leads", "+1.200 leads", "600", "1.200", "1.240", "🟢 Behaald", "Marketingteam", "15-06-2026"],
    ["HR", "Tevredenheid", "Score ≥ 8", "7,2", "8,0", "7,6", "🟡 Lopend", "HR-manager", "31-05-2026"],
]

# Seed 001, sections 3 and 4: 21 objectives with 51 key results, as a coordinator keeps them:
# no start/target/deadline columns (okrsheet infers them from the sentences), a current value and a status.
EXAMPLES = [
    ("Bedrijf", "Bouw de beste online persoonlijke shoppingservice van het land.", "CEO", [
        ("Stylisten publiceren wekelijks inspiratieposts in Q2.", "Hoofd styling", "", "🟡 Lopend"),
        ("Minstens 50 inactieve klanten opnieuw contacteren met gepersonaliseerde voorstellen.", "Customer success", "32", "🔵 Op schema"),
        ("1.000 nieuwe registraties voor vroegtijdige toegang vóór einde Q2.", "Marketingteam", "410", "🟡 Lopend"),
    ]),
    ("Bedrijf", "Verhoog de verkoopresultaten.", "Commercieel directeur", [
        ("Conversieratio van 25% op alle leads.", "Commercieel directeur", "21%", "🔵 Op schema"),
        ("Verkoopcyclus verkorten met 20%.", "Sales manager", "", "⚪ Niet gestart"),
        ("Vijf nieuwe verkooppunten openen binnen het jaar.", "Retail manager", "2", "🔵 Op schema"),
    ]),
    ("Bedrijf", "Lanceer het nieuwe product succesvol in Canada.", "CEO", [
        ("Nieuwe klanten kopen ons product in een 3:1-verhouding tegenover de concurrentie.", "Country manager Canada", "2", "🟡 Lopend"),
        ("Gemiddelde orderwaarde van € 250.000.", "Country manager Canada", "€ 180.000", "🟡 Lopend"),
        ("Totale omzet van € 2 miljoen uit de nieuwe productlijn.", "CFO", "€ 0,9 miljoen", "🔵 Op schema"),
    ]),
    ("Administratie & Operations", "Verbeter de IT-infrastructuur.", "COO", [
        ("Verminder systeemstoringen met 30% in Q2.", "IT-manager", "", "🟡 Lopend"),
        ("Leid de helft van het team op in cloud-back-up.", "IT-manager", "30%", "🔵 Op schema"),
    ]),
    ("Administratie & Operations", "Verlaag operationele kosten met 20%.", "COO", [
        ("Schrap externe koffiediensten en vervang door intern beheer.", "Facility manager", "ja", "🟢 Behaald"),
        ("Heronderhandel schoonmaakcontracten (van maandelijks naar driemaandelijks).", "Facility manager", "nee", "🟡 Lopend"),
    ]),
    ("Financiën", "Optimaliseer het jaarlijkse budgetproces.", "CFO", [
        ("Bespaar 50% op vergaderkosten door interne productie van documentatie.", "Controller", "20%", "🟡 Lopend"),
        ("Finaliseer budgetten vóór 30 augustus.", "Controller", "nee", "🔵 Op schema"),
    ]),
    ("Financiën", "Versterk het auditproces.", "CFO", [
        ("Voer audit uit op 70% van de geïdentificeerde risico’s.", "Interne auditor", "35%", "🔵 Op schema"),
        ("Lever intern auditrapport af binnen 30 dagen na afronding.", "Interne auditor", "", "⚪ Niet gestart"),
    ]),
    ("HR", "Bereik de hoogste medewerkerstevredenheid tot nu toe.", "HR-directeur", [
        ("Alle leidinggevenden voeren tweerichtingsfeedback in.", "HR-manager", "60%", "🟡 Lopend"),
        ("Wekelijkse personeelsenquêtes organiseren.", "HR-manager", "ja", "🟢 Behaald"),
        ("Aantal interne teambuildings en events verdubbelen.", "HR-manager", "", "🔴 Achter op schema"),
    ]),
    ("HR", "Verbeter retentie van personeel.", "HR-directeur", [
        ("Benchmark salarissen en extralegale voordelen met Belgische markt.", "Payroll specialist", "nee", "🟡 Lopend"),
        ("Ontwikkel opleidings- en certificatieprogramma’s voor medewerkers.", "Learning & development", "nee", "🔵 Op schema"),
    ]),
    ("Design & Productontwikkeling", "Verhoog gebruiksvriendelijkheid van het product.", "Head of product", [
        ("Verhoog “usability score” van 7 → 8,5.", "UX-lead", "7,6", "🔵 Op schema"),
        ("Verminder helpdesk-aanvragen met 20%.", "Product owner", "", "🟡 Lopend"),
    ]),
    ("Design & Productontwikkeling", "Ontwerp en test een nieuwe functionaliteit.", "Head of product", [
        ("Uitvoering van eerste gebruikerstest in de eerste maand van Q2.", "UX-researcher", "ja", "🟢 Behaald"),
        ("Lever wireframes en definitieve kleurkeuzes op.", "UI-designer", "nee", "🔵 Op schema"),
    ]),
    ("Marketing", "Verdubbel maandelijkse inschrijvingen.", "CMO", [
        ("Drie online campagnes genereren 1.200 nieuwe leads.", "Performance marketeer", "540", "🟡 Lopend"),
        ("SEO-optimalisatie zorgt voor 800 bijkomende inschrijvingen.", "SEO-specialist", "390", "🔵 Op schema"),
        ("Twee extra “call-to-actions” op de landingspagina.", "Webredacteur", "2", "🟢 Behaald"),
    ]),
    ("Marketing", "Maximaliseer e-mailcampagnes.", "CMO", [
        ("Inschrijvingen op nieuwsbrieven verhogen met 20%.", "E-mailmarketeer", "", "🟡 Lopend"),
        ("Downloads van e-books via e-mails verhogen met 25%.", "E-mailmarketeer", "", "⚪ Niet gestart"),
        ("Uitschrijvingsgraad verlagen tot minder dan 6%.", "E-mailmarketeer", "7,1%", "🟡 Lopend"),
    ]),
    ("Verkoop", "Bereik kwartaalomzet van € 1 miljoen.", "Sales director", [
        ("Eerste maand: € 300.000 omzet uit nieuw product.", "Account manager", "€ 315.000", "🟢 Behaald"),
        ("Verkoopcyclus verkorten van 2 maanden naar 21 dagen.", "Sales manager", "45", "🟡 Lopend"),
        ("Upsell realiseren bij 40% van bestaande klanten.", "Account manager", "18%", "🟡 Lopend"),
    ]),
    ("Verkoop", "Versterk partnernetwerk.", "Sales director", [
        ("10 nieuwe wederverkopers aantrekken in Vlaanderen en Wallonië.", "Partner manager", "4", "🔵 Op schema"),
        ("95% van huidige partners behouden.", "Partner manager", "97%", "🟢 Behaald"),
    ]),
    ("IT & Ontwikkeling", "Versnel ontwikkelingstijd.", "CTO", [
        ("Aantal bugs per nieuwe feature verlagen van 2 naar 1,5.", "QA-lead", "1,8", "🟡 Lopend"),
        ("“Lead time” verkorten met 20%.", "Engineering manager", "", "⚪ Niet gestart"),
        ("Sprint-snelheid verhogen met 2%.", "Scrum master", "", "🔵 Op schema"),
    ]),
    ("IT & Ontwikkeling", "Verhoog beveiliging van alle systemen.", "CTO", [
        ("S2Score-audit afronden tegen eind Q3.", "Security officer", "nee", "🔵 Op schema"),
        ("Tweeledige authenticatie (2FA) implementeren voor alle gebruikers.", "Security officer", "nee", "🟡 Lopend"),
    ]),
    ("Klantendienst", "Verhoog klanttevredenheid.", "Head of support", [
        ("Onboardingproces verkorten naar 3 dagen.", "Support lead", "5", "🟡 Lopend"),
        ("Klantverloop (churn) verminderen met 10% per maand.", "Customer success", "", "🔴 Achter op schema"),
    ]),
    ("Klantendienst", "Breid ondersteuning uit.", "Head of support", [
        ("Zelfhulpportaal reduceert tickets met 10%.", "Support lead", "", "🟡 Lopend"),
        ("Reactietijd op tekstberichten < 1 uur.", "Support lead", "0,75", "🟢 Behaald"),
    ]),
    ("Directie", "Groei van de onderneming.", "CEO", [
        ("Jaaromzet verhogen naar € 3 miljoen.", "CFO", "€ 1,4 miljoen", "🔵 Op schema"),
        ("+20% meer nieuwe leads genereren.", "CMO", "", "🟡 Lopend"),
        ("12 referentie-cases publiceren vóór einde Q1.", "Marketingteam", "12", "🟢 Behaald"),
    ]),
    ("Directie", "Verhoog merkbekendheid bij jongeren (< 30 jaar).", "CMO", [
        ("91 socialemediaposts in Q2.", "Community manager", "40", "🔵 Op schema"),
        ("Minstens 5.000 websitebezoeken/maand bereiken.", "Webredacteur", "4.200", "🟡 Lopend"),
    ]),
]

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
HEAD_FONT = Font(bold=True, color="FFFFFF")


def header_row(ws, row, headers):
    for c, h in enumerate(headers, 1):
        cell = ws.cell(row=row, column=c, value=h)
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL


def write_template_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR"
    ws["A1"] = "OKR-rapportage Q2 2026"
    ws["A1"].font = Font(bold=True, size=14)
    header_row(ws, 3, TEMPLATE_HEADER)
    # In the workbook the numbers are real numbers with number formats, as Excel users type them.
    typed = [
        (0.18, 0.25, 0.21, "0%"), (600, 1200, 1240, "#,##0"), (7.2, 8.0, 7.6, "0.0"),
    ]
    for r, (row, (start, target, current, fmt)) in enumerate(zip(TEMPLATE_ROWS, typed), 4):
        for c, v in enumerate(row, 1):
            ws.cell(row=r, column=c, value=v)
        for c, v in ((4, start), (5, target), (6, current)):
            ws.cell(row=r, column=c, value=v).number_format = fmt
        d, m, y = (int(x) for x in row[8].split("-"))
        ws.cell(row=r, column=9, value=datetime.date(y, m, d)).number_format = "dd-mm-yyyy"
    for col, width in zip("ABCDEFGHI", (12, 20, 22, 12, 12, 15, 18, 24, 12)):
        ws.column_dimensions[col].width = width
    wb.save(path)


def write_template_csv(path):
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["OKR-rapportage Q2 2026"])
    w.writerow([])
    w.writerow(TEMPLATE_HEADER)
    for row in TEMPLATE_ROWS:
        w.writerow(row)
    # A Dutch Excel saves CSV as UTF-8 with BOM when emoji are present ("CSV UTF-8").
    open(path, "wb").write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def write_examples_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR 2026"
    ws["A1"] = "OKR-kader en voorbeelden voor het hele bedrijf — Q2 2026"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Bron: seed 001, secties 3 en 4. Start- en doelwaarden staan in de sleutelresultaten zelf."
    headers = ["Niveau", "Doelstelling", "Eigenaar doelstelling", "Sleutelresultaat", "Verantwoordelijke", "Huidige waarde", "Status"]
    header_row(ws, 4, headers)
    r = 5
    for level, objective, objective_owner, krs in EXAMPLES:
        first = r
        for kr, owner, current, status in krs:
            ws.cell(row=r, column=4, value=kr)
            ws.cell(row=r, column=5, value=owner)
            if current:
                ws.cell(row=r, column=6, value=current)
            ws.cell(row=r, column=7, value=status)
            r += 1
        # The objective, its level and owner are merged over the key-result rows, as templates do.
        for col, value in ((1, level), (2, objective), (3, objective_owner)):
            ws.cell(row=first, column=col, value=value).alignment = Alignment(vertical="top", wrap_text=True)
            if r - 1 > first:
                ws.merge_cells(start_row=first, start_column=col, end_row=r - 1, end_column=col)
        ws.cell(row=first, column=2).font = BOLD
    for col, width in zip("ABCDEFG", (24, 40, 22, 60, 22, 14, 20)):
        ws.column_dimensions[col].width = width
    wb.save(path)


# A small French template in the block layout: "Objectif 1 : …" heading rows above their key results.
FR_HEADER = ["Résultat clé", "Responsable", "Valeur de départ", "Valeur cible", "Valeur actuelle", "Échéance", "Statut"]
FR_BLOCKS = [
    ("Objectif 1 : Conquérir le marché wallon", [
        ("Ouvrir 4 nouveaux points de vente en Wallonie", "Directeur commercial", 0, 4, 1, datetime.date(2026, 6, 15), "En cours"),
        ("Porter le chiffre d'affaires wallon de 1,2 à 1,8 M€", "Directeur commercial", 1.2e6, 1.8e6, 1.35e6, datetime.date(2026, 6, 30), "À risque"),
        ("Taux de conversion des démos de 80 % à 90 % d'ici fin juin", "Responsable avant-vente", 0.8, 0.9, 0.84, None, "En bonne voie"),
    ]),
    ("Objectif 2 : Fidéliser nos clients", [
        ("Réduire le churn mensuel de 3 % à 2 %", "Responsable service client", 0.03, 0.02, 0.026, datetime.date(2026, 6, 30), "En bonne voie"),
        ("Délai de réponse au support < 4 heures", "Responsable service client", None, "< 4 heures", 3.5, datetime.date(2026, 6, 30), "Atteint"),
    ]),
]


def write_fr_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Objectifs"
    ws["A1"] = "Objectifs T2 2026 — Direction commerciale"
    ws["A1"].font = Font(bold=True, size=14)
    header_row(ws, 3, FR_HEADER)
    r = 4
    for heading, krs in FR_BLOCKS:
        ws.cell(row=r, column=1, value=heading).font = BOLD
        r += 1
        for kr in krs:
            for c, v in enumerate(kr, 1):
                if v is None:
                    continue
                cell = ws.cell(row=r, column=c, value=v)
                if isinstance(v, datetime.date):
                    cell.number_format = "dd/mm/yyyy"
                elif isinstance(v, float) and abs(v) < 1:
                    cell.number_format = "0%"
                elif isinstance(v, float):
                    cell.number_format = '#,##0 "€"'
            r += 1
    for col, width in zip("ABCDEFG", (52, 26, 16, 14, 16, 12, 14)):
        ws.column_dimensions[col].width = width
    wb.save(path)


# A small English template in the flat layout, with ids, types and weights, saved as plain CSV.
EN_HEADER = ["Objective ID", "Key result ID", "Level", "Objective", "Type", "Key result", "Owner", "Start", "Target",
             "Current", "Unit", "Deadline", "Status", "Weight"]
EN_ROWS = [
    ["O1", "O1.1", "Company", "Grow recurring revenue", "Committed", "Monthly recurring revenue from 80k to 120k", "CFO",
     "80,000", "120,000", "96,500", "EUR", "2026-06-30", "On track", "2"],
    ["O1", "O1.2", "Company", "Grow recurring revenue", "Committed", "Net revenue retention at least 105%", "Head of CS",
     "", ">= 105%", "103%", "", "2026-06-30", "At risk", "1"],
    ["O2", "O2.1", "Team", "Ship the self-service portal", "Aspirational", "Portal launched to all customers", "Product lead",
     "", "", "no", "", "2026-06-15", "In progress", "1"],
    ["O2", "O2.2", "Team", "Ship the self-service portal", "Aspirational", "Cut support tickets per customer from 4.0 to 2.5",
     "Support lead", "4.0", "2.5", "3.4", "tickets", "2026-06-30", "At risk", "1"],
]


def write_en_csv(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["OKRs Q2 2026 - Platform business unit"])
        w.writerow(EN_HEADER)
        w.writerows(EN_ROWS)


# The columns of a Viva Goals OKR export as the issue lists them (OKR Reference, Parent OKR, Type, Owner,
# Time period, start/target/current); synthetic data, since Viva Goals itself is retired.
VIVA_HEADER = ["OKR Reference", "Title", "Type", "Parent OKR", "Owner", "Team", "Time period", "Start value",
               "Target value", "Current value", "Metric", "Status", "Progress"]
VIVA_ROWS = [
    ["OKR-101", "Become the reference for digital services in Belgium", "Objective", "", "Sofie Peeters", "Company", "Q2 2026", None, None, None, "", "On track", 0.45],
    ["OKR-102", "Net promoter score", "Key Result", "OKR-101", "Sofie Peeters", "Company", "Q2 2026", 20, 30, 24, "Number", "On track", 0.4],
    ["OKR-103", "Qualified leads per month", "Key Result", "OKR-101", "Jan Janssens", "Company", "Q2 2026", 150, 220, 190, "Number", "At risk", 0.57],
    ["OKR-201", "Shorten the customer wait time", "Objective", "OKR-101", "Lotte Maes", "Customer Service", "Q2 2026", None, None, None, "", "Behind", 0.25],
    ["OKR-202", "Average wait time in days", "Key Result", "OKR-201", "Lotte Maes", "Customer Service", "Q2 2026", 14, 10, 13, "Days", "Behind", 0.25],
    ["OKR-203", "Launch the self-service portal", "Project", "OKR-201", "Lotte Maes", "Customer Service", "Q2 2026", None, None, None, "", "On track", 0.6],
]


def write_viva_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "OKRs"
    header_row(ws, 1, VIVA_HEADER)
    for r, row in enumerate(VIVA_ROWS, 2):
        for c, v in enumerate(row, 1):
            if v is not None and v != "":
                ws.cell(row=r, column=c, value=v)
    wb.save(path)


# Issue 10: KPIs beside the OKRs, from the seeds' own KPI examples (002 OKR/KPI tree, 003 CPA ≤ €25 and
# churn, 004 NPS 20 → 30, qualified leads 150 → 220 per month, wait time 14 → 10 days, conversion 2% → 3%,
# retention 80% → 90%). An OKR sheet, and a KPI sheet in the wide shape (one column per month of 2026, the
# month headers being Excel date cells shown as "jan-26"), each KPI linked to a key result by its id.
KPI_OKR_HEADER = ["ID", "Niveau", "Doelstelling", "Sleutelresultaat", "Startwaarde", "Doelwaarde", "Huidige waarde",
                  "Status", "Verantwoordelijke", "Deadline"]
KPI_OKR_ROWS = [
    ["O1.1", "Bedrijf", "Verhoog de klanttevredenheid", "NPS-score verhogen van 20 naar 30", 20, 30, 24,
     "🔵 Op schema", "Head of support", datetime.date(2026, 12, 31), "0"],
    ["O1.2", "Bedrijf", "Verhoog de klanttevredenheid", "Gemiddelde wachttijd verlagen van 14 naar 10 dagen", 14, 10, 12,
     "🔵 Op schema", "Head of support", datetime.date(2026, 9, 30), "0"],
    ["O2.1", "Marketing", "Meer gekwalificeerde leads", "Aantal gekwalificeerde leads verhogen van 150 naar 220 per maand vóór 1 oktober",
     150, 220, 190, "🔵 Op schema", "Marketingteam", datetime.date(2026, 9, 30), "0"],
    ["O2.2", "Marketing", "Meer gekwalificeerde leads", "Conversiepercentage verbeteren van 2% naar 3%", 0.02, 0.03, 0.027,
     "🔵 Op schema", "Webredacteur", datetime.date(2026, 6, 30), "0.0%"],
    ["O3.1", "Klantendienst", "Klanten behouden", "Klantverloop (churn) verlagen van 3% naar 2% per maand", 0.03, 0.02, 0.026,
     "🔵 Op schema", "Customer success", datetime.date(2026, 12, 31), "0.0%"],
    ["O3.2", "Klantendienst", "Klanten behouden", "Retentiepercentage verhogen van 80% naar 90%", 0.80, 0.90, 0.84,
     "🔵 Op schema", "Account manager", datetime.date(2026, 12, 31), "0%"],
]
KPI_HEADER = ["ID", "KPI", "Eigenaar", "Niveau", "Eenheid", "Richting", "Nulmeting", "Doel", "Groen", "Oranje", "Rood",
              "Frequentie", "Sleutelresultaat"]
# id, name, owner, level, unit, direction, baseline, target, green, amber, red, frequency, link, number format, 12 values
KPIS = [
    ("K1", "NPS-score", "Head of support", "Bedrijf", "", "Hoger is beter", 20, 30, "≥ 28", "25–28", "< 25", "Maandelijks", "O1.1", "0",
     [20, 21, 21, 22, 23, 24, 24, 25, 26, 27, 28, 29]),
    ("K2", "Gekwalificeerde leads per maand", "Marketingteam", "Marketing", "leads", "Hoger is beter", 150, 220, "≥ 200", "170–200", "< 170",
     "Maandelijks", "O2.1", "#,##0", [150, 158, 165, 172, 180, 190, 196, 204, 212, 218, 221, 225]),
    ("K3", "Kosten per acquisitie (CPA)", "Performance marketeer", "Marketing", "€", "Lager is beter", 31, "≤ € 25", "≤ 25", "25–30", "> 30",
     "Maandelijks", "O2.1", '"€" #,##0', [31, 29, 28, 27, 26, 26, 25, 24, 24, 23, 23, 22]),
    ("K4", "Churn rate", "Customer success", "Bedrijf", "%", "Lager is beter", 0.03, 0.02, "≤ 2%", "2–2,5%", "> 2,5%", "Maandelijks", "O3.1",
     "0.0%", [0.030, 0.029, 0.028, 0.028, 0.026, 0.025, 0.024, 0.023, 0.022, 0.022, 0.021, 0.020]),
    ("K5", "Gemiddelde wachttijd", "Head of support", "Klantendienst", "dagen", "Lager is beter", 14, 10, "≤ 10", "10–12", "> 12",
     "Maandelijks", "O1.2", "0", [14, 14, 13, 13, 12, 12, 11, 11, 10, 10, 10, 9]),
    ("K6", "Conversiepercentage website", "Webredacteur", "Marketing", "%", "Hoger is beter", 0.02, 0.03, "", "", "", "Maandelijks", "O2.2",
     "0.0%", [0.020, 0.021, 0.022, 0.023, 0.024, 0.024, 0.025, 0.026, 0.027, 0.028, 0.029, 0.030]),
    ("K7", "Retentiepercentage", "Account manager", "Bedrijf", "%", "Hoger is beter", 0.80, 0.90, "≥ 88%", "84–88%", "< 84%",
     "Driemaandelijks", "O3.2", "0%", [None, None, 0.81, None, None, 0.84, None, None, 0.87, None, None, 0.90]),
    # Seed 003's vanity metric, with seed 004's non-SMART target and no strategy link: check flags it.
    ("K8", "Aantal websitebezoekers", "Webredacteur", "Marketing", "bezoekers", "", None, "meer", "", "", "", "Maandelijks", "", "#,##0",
     [10000, 10400, 11200, 10900, 11800, 12100, 11500, 12600, 13000, 13400, 13900, 14500]),
]


def write_kpi_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR 2026"
    ws["A1"] = "OKR- en KPI-rapportage 2026"
    ws["A1"].font = Font(bold=True, size=14)
    header_row(ws, 3, KPI_OKR_HEADER)
    for r, row in enumerate(KPI_OKR_ROWS, 4):
        fmt = row[-1]
        for c, v in enumerate(row[:-1], 1):
            cell = ws.cell(row=r, column=c, value=v)
            if c in (5, 6, 7):
                cell.number_format = fmt
            elif isinstance(v, datetime.date):
                cell.number_format = "dd-mm-yyyy"
    for col, width in zip("ABCDEFGHIJ", (6, 14, 28, 60, 12, 12, 15, 16, 20, 12)):
        ws.column_dimensions[col].width = width

    ks = wb.create_sheet("KPI's 2026")
    ks["A1"] = "KPI-dashboard 2026"
    ks["A1"].font = Font(bold=True, size=14)
    ks["A2"] = "Eén rij per KPI, één kolom per maand. Groen/Oranje/Rood: de afgesproken grenzen."
    header_row(ks, 4, KPI_HEADER)
    first_month = len(KPI_HEADER) + 1
    for m in range(12):
        cell = ks.cell(row=4, column=first_month + m, value=datetime.date(2026, m + 1, 1))
        cell.number_format = "mmm-yy"
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
    for r, (kid, name, owner, level, unit, direction, start, target, green, amber, red, freq, link, fmt, values) in enumerate(KPIS, 5):
        for c, v in enumerate([kid, name, owner, level, unit, direction, start, target, green, amber, red, freq, link], 1):
            if v is None or v == "":
                continue
            cell = ks.cell(row=r, column=c, value=v)
            if c in (7, 8) and not isinstance(v, str):
                cell.number_format = fmt
        for m, v in enumerate(values):
            if v is not None:
                ks.cell(row=r, column=first_month + m, value=v).number_format = fmt
    ks.freeze_panes = ks.cell(row=5, column=3)
    wb.save(path)


# The long shape, in French and without OKRs: one row per KPI per month (the name written once for the
# first KPI, as people do), as a French Excel saves "CSV UTF-8": `;`, decimal comma, a BOM.
KPI_LONG_HEADER = ["Indicateur", "Responsable", "Cible", "Fréquence", "Résultat clé", "Mois", "Valeur"]
KPI_LONG_ROWS = [
    ["Taux de churn mensuel", "Responsable service client", "≤ 2 %", "Mensuel", "O2.1", "janv. 2026", "3,0 %"],
    ["", "", "", "", "", "févr. 2026", "2,8 %"],
    ["", "", "", "", "", "mars 2026", "2,6 %"],
    ["", "", "", "", "", "avr. 2026", "2,5 %"],
    ["Délai de réponse au support (heures)", "Responsable service client", "< 4", "Mensuel", "O2.2", "janv. 2026", "5,2"],
    ["Délai de réponse au support (heures)", "Responsable service client", "< 4", "Mensuel", "O2.2", "févr. 2026", "4,6"],
    ["Délai de réponse au support (heures)", "Responsable service client", "< 4", "Mensuel", "O2.2", "mars 2026", "3,8"],
    ["Délai de réponse au support (heures)", "Responsable service client", "< 4", "Mensuel", "O2.2", "avr. 2026", "3,5"],
    ["Taux de conversion des démos", "Responsable avant-vente", "90 %", "Mensuel", "O1.3", "janv. 2026", "80 %"],
    ["Taux de conversion des démos", "Responsable avant-vente", "90 %", "Mensuel", "O1.3", "févr. 2026", "82 %"],
    ["Taux de conversion des démos", "Responsable avant-vente", "90 %", "Mensuel", "O1.3", "mars 2026", "83 %"],
    ["Taux de conversion des démos", "Responsable avant-vente", "90 %", "Mensuel", "O1.3", "avr. 2026", "84 %"],
    ["Satisfaction client (NPS)", "Directeur commercial", "plus", "Trimestriel", "", "T4 2025", "31"],
    ["Satisfaction client (NPS)", "Directeur commercial", "plus", "Trimestriel", "", "T1 2026", "33"],
]


def write_kpi_long_csv(path):
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(["Indicateurs clés 2026 — Service client et ventes"])
    w.writerow(KPI_LONG_HEADER)
    w.writerows(KPI_LONG_ROWS)
    open(path, "wb").write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


# Issue 10's update part: a finance workbook whose KPI sheet `okrsheet update` fills month by month from
# samples/grootboek.csv (mappings/rules-kpi-example.yaml). The OKR sheet holds three of
# okr-financieel.csv's quarterly key results; the KPI sheet watches the same money per month. January to
# March are typed in; April to December are empty cells already formatted as euros or counts, waiting
# for the ledger.
FIN_OKR_HEADER = ["ID", "Doelstelling", "Sleutelresultaat", "Startwaarde", "Doelwaarde", "Huidige waarde", "Status",
                  "Verantwoordelijke", "Deadline"]
FIN_OKR_ROWS = [
    ["F1.1", "Gezonde groei", "Kwartaalomzet", 0, 250000, 96500, "🟡 Lopend", "CFO", datetime.date(2026, 6, 30), '"€" #,##0'],
    ["F2.1", "Kosten onder controle", "Marketingkosten; beurzen en campagnes", 80000, 50000, 70000, "🟡 Lopend", "CMO",
     datetime.date(2026, 6, 15), '"€" #,##0'],
    ["F3.1", "Trouwe klanten", "Aantal klanten met omzet", 0, 8, 3, "🟡 Lopend", "Accountmanager", datetime.date(2026, 6, 30), "0"],
]
FIN_KPI_HEADER = ["ID", "KPI", "Eigenaar", "Niveau", "Eenheid", "Richting", "Doel", "Groen", "Oranje", "Rood", "Frequentie",
                  "Sleutelresultaat"]
# id, name, owner, level, unit, direction, target, green, amber, red, frequency, link, number format, January to March
FIN_KPIS = [
    ("FK1", "Omzet per maand", "CFO", "Bedrijf", "€", "Hoger is beter", 45000, "≥ 45.000", "40.000–45.000", "< 40.000",
     "Maandelijks", "F1.1", '"€" #,##0', [41250, 43800, 44600]),
    ("FK2", "Bedrijfskosten per maand", "CFO", "Bedrijf", "€", "Lager is beter", 100000, "≤ 100.000", "100.000–120.000", "> 120.000",
     "Maandelijks", "F2.1", '"€" #,##0', [128400, 117900, 109300]),
    ("FK3", "Klanten met omzet per maand", "Accountmanager", "Bedrijf", "klanten", "Hoger is beter", 4, "≥ 4", "3–4", "< 3",
     "Maandelijks", "F3.1", "0", [2, 3, 3]),
]


def write_kpi_finance_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "OKR Q2 2026"
    ws["A1"] = "OKR-rapportage financiën Q2 2026"
    ws["A1"].font = Font(bold=True, size=14)
    header_row(ws, 3, FIN_OKR_HEADER)
    for r, row in enumerate(FIN_OKR_ROWS, 4):
        fmt = row[-1]
        for c, v in enumerate(row[:-1], 1):
            cell = ws.cell(row=r, column=c, value=v)
            if c in (4, 5, 6):
                cell.number_format = fmt
            elif isinstance(v, datetime.date):
                cell.number_format = "dd-mm-yyyy"
    for col, width in zip("ABCDEFGHI", (6, 22, 38, 12, 12, 15, 14, 18, 12)):
        ws.column_dimensions[col].width = width

    ks = wb.create_sheet("KPI's 2026")
    ks["A1"] = "KPI-dashboard financiën 2026"
    ks["A1"].font = Font(bold=True, size=14)
    ks["A2"] = "Eén rij per KPI, één kolom per maand; okrsheet update vult de maanden uit het grootboek."
    header_row(ks, 4, FIN_KPI_HEADER)
    first_month = len(FIN_KPI_HEADER) + 1
    for m in range(12):
        cell = ks.cell(row=4, column=first_month + m, value=datetime.date(2026, m + 1, 1))
        cell.number_format = "mmm-yy"
        cell.font = HEAD_FONT
        cell.fill = HEAD_FILL
    for r, (kid, name, owner, level, unit, direction, target, green, amber, red, freq, link, fmt, values) in enumerate(FIN_KPIS, 5):
        for c, v in enumerate([kid, name, owner, level, unit, direction, target, green, amber, red, freq, link], 1):
            cell = ks.cell(row=r, column=c, value=v)
            if c == 7:
                cell.number_format = fmt
        for m in range(12):
            # The months still to come are empty cells that already carry the KPI's number format.
            ks.cell(row=r, column=first_month + m, value=values[m] if m < len(values) else None).number_format = fmt
    ks.freeze_panes = ks.cell(row=5, column=3)
    wb.save(path)


def to_ods(xlsx, ods):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--calc", "--convert-to", "ods", "--outdir", tmp, xlsx],
                       check=True, capture_output=True)
        shutil.move(os.path.join(tmp, os.path.splitext(os.path.basename(xlsx))[0] + ".ods"), ods)


# Every sample and how it is written, in the order they are built (the .ods is converted from the .xlsx).
BUILDERS = {
    "okr-sjabloon.xlsx": write_template_xlsx,
    "okr-sjabloon.csv": write_template_csv,
    "okr-sjabloon.ods": lambda path: to_ods(os.path.join(HERE, "okr-sjabloon.xlsx"), path),
    "okr-voorbeelden-2026.xlsx": write_examples_xlsx,
    "okr-fr.xlsx": write_fr_xlsx,
    "okr-en.csv": write_en_csv,
    "viva-goals-export.xlsx": write_viva_xlsx,
    "okr-kpi-2026.xlsx": write_kpi_xlsx,
    "kpi-long.csv": write_kpi_long_csv,
    "okr-kpi-financieel.xlsx": write_kpi_finance_xlsx,
}

if __name__ == "__main__":
    # `make_samples.py okr-kpi-2026.xlsx` rebuilds only the samples named; no name rebuilds them all.
    names = sys.argv[1:] or list(BUILDERS)
    for name in names:
        if name not in BUILDERS:
            sys.exit(f"unknown sample {name}; known: {', '.join(BUILDERS)}")
        BUILDERS[name](os.path.join(HERE, name))
    print("samples written: " + ", ".join(names))
