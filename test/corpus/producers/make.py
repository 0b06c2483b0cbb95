"""Writes the workbooks of this folder made by Python producers.

Run with Debian's Python, which has python3-openpyxl, python3-xlsxwriter and python3-pandas:

    /usr/bin/python3 test/corpus/producers/make.py

`make.mjs` calls it back as `make.py fill SRC DST` to fill atelier's template before LibreOffice
saves it again. Document properties carry fixed dates; openpyxl stamps zip entries with the time
of writing, so its files are not byte-identical from one run to the next.
"""

import datetime as dt
import os
import sys
import zipfile

import openpyxl
import pandas as pd
import xlsxwriter
from openpyxl.comments import Comment

HERE = os.path.dirname(os.path.abspath(__file__))
CREATED = dt.datetime(2023, 7, 18, 9, 0, 0)

HEADER = [
    "Axe",
    "Code activité",
    "Activité",
    "Statut",
    "Taux de réalisation (%)",
    "Budget prévu (FCFA)",
    "Budget exécuté (FCFA)",
]

IDENTIFICATION_LABELS = ["Groupe de travail", "Session", "Structure", "Rapporteur", "Date"]


def out(name):
    return os.path.join(HERE, name)


def fixed_properties(wb):
    """openpyxl: creation and modification dates of the workbook, fixed."""
    wb.properties.creator = "Secrétariat de l'atelier"
    wb.properties.created = CREATED
    wb.properties.modified = CREATED
    wb.properties.lastModifiedBy = "Secrétariat de l'atelier"


def identification_sheet(ws, values):
    """The key/value sheet atelier reads: labels in A, values in B."""
    ws.append(["Identification"])
    ws.append([])
    for label, value in zip(IDENTIFICATION_LABELS, values):
        ws.append([label, value])
    ws["B7"].number_format = "dd/mm/yyyy"


# --- openpyxl: cell notes, and a formula with no cached value --------------------------------


def openpyxl_notes():
    wb = openpyxl.Workbook()
    fixed_properties(wb)
    ident = wb.active
    ident.title = "Identification"
    identification_sheet(
        ident,
        ["GT 1", "J1", "Ministère de la Justice", "Chef de la division des affaires pénales",
         dt.datetime(2023, 7, 18)],
    )
    ws = wb.create_sheet("Bilan")
    ws.append(HEADER)
    ws.append(["1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", 1,
               12000000, 11500000])
    ws.append(["1", "1.1.2", "Former les leaders religieux et coutumiers",
               "Partiellement réalisé", 0.6, 8000000, 4000000])
    ws.append(["2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil",
               "En cours", 0.4, 25000000, None])
    # Spent budget computed from the rate: openpyxl stores the formula and no result.
    ws["G4"] = "=F4*E4"
    for row in range(2, 5):
        ws.cell(row, 5).number_format = "0%"
        ws.cell(row, 6).number_format = "#,##0"
        ws.cell(row, 7).number_format = "#,##0"
    ws["C3"].comment = Comment("Deux sessions sur trois ont eu lieu.", "Point focal")
    ws["D4"].comment = Comment("Financement en attente de décaissement.", "Point focal")
    wb.save(out("openpyxl-notes.xlsx"))


# --- xlsxwriter: shared strings, then inline strings in constant_memory mode --------------------


def xlsxwriter_workbook(name, options=None):
    wb = xlsxwriter.Workbook(out(name), options or {})
    wb.set_properties({
        "title": "Bilan du groupe",
        "author": "Secrétariat de l'atelier",
        "created": CREATED,
    })
    return wb


def xlsxwriter_shared_strings():
    wb = xlsxwriter_workbook("xlsxwriter-shared-strings.xlsx")
    bold = wb.add_format({"bold": True, "text_wrap": True})
    amount = wb.add_format({"num_format": "#,##0"})
    ws = wb.add_worksheet("Bilan")
    ws.write_row(0, 0, HEADER, bold)
    rows = [
        ["2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "Réalisé",
         100, 30000000, 28500000],
        ["2", "2.1.2", "Assurer le retour et la réinsertion des victimes",
         "Partiellement réalisé", 55, 18000000, 9000000],
        ["2", "2.2.1", "Former les travailleurs sociaux", "Non réalisé", 0, 6000000, 0],
    ]
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row[:5])
        ws.write_number(r, 5, row[5], amount)
        ws.write_number(r, 6, row[6], amount)
    ws.set_column(0, 1, 8)
    ws.set_column(2, 2, 50)
    ws.freeze_panes(1, 0)
    wb.close()


def xlsxwriter_constant_memory():
    # constant_memory writes each row as it comes, strings inline (`t="inlineStr"`).
    wb = xlsxwriter_workbook("xlsxwriter-constant-memory.xlsx", {"constant_memory": True})
    percent = wb.add_format({"num_format": "0%"})
    ws = wb.add_worksheet("Bilan")
    ws.write_row(0, 0, HEADER)
    rows = [
        ["3", "3.1.1", "Former les magistrats et les officiers de police judiciaire", "Réalisé",
         1, 15000000, 14200000],
        ["3", "3.1.2", "Juger les affaires de traite dans les délais", "En cours", 0.35,
         5000000, 1500000],
    ]
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row[:4])
        ws.write_number(r, 4, row[4], percent)
        ws.write_number(r, 5, row[5])
        ws.write_number(r, 6, row[6])
    wb.close()


# --- pandas: DataFrame.to_excel, openpyxl engine ---------------------------------------------


def pandas_openpyxl():
    df = pd.DataFrame(
        [
            ["4", "4.1.1", "Tenir les réunions trimestrielles du comité national", "Réalisé",
             100, 4000000, 3800000],
            ["4", "4.1.2", "Produire le rapport annuel de suivi", "Partiellement réalisé", 50,
             2500000, 1000000],
            ["4", "4.2.1", "Mettre en place la base de données des cas", "Non réalisé", 0,
             10000000, None],
        ],
        columns=HEADER,
    )
    # A missing amount makes the column float; the integers stay integers in the file.
    df["Budget exécuté (FCFA)"] = df["Budget exécuté (FCFA)"].astype("Int64")
    with pd.ExcelWriter(out("pandas-openpyxl.xlsx"), engine="openpyxl") as writer:
        df.to_excel(writer, sheet_name="Bilan", index=False)
        fixed_properties(writer.book)


# --- WPS Spreadsheets: openpyxl, then the parts WPS writes -------------------------------------

WPS_APP = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>WPS Spreadsheets</Application><HeadingPairs><vt:vector size="2" baseType="variant">\
<vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant>\
</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="2" baseType="lpstr">\
<vt:lpstr>Identification</vt:lpstr><vt:lpstr>Bilan</vt:lpstr></vt:vector></TitlesOfParts>\
</Properties>"""

WPS_CUSTOM = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">\
<vt:lpwstr>1036-11.2.0.11537</vt:lpwstr></property>\
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV">\
<vt:lpwstr>5E2F0C3D9A8B4C1E8F7A6B5C4D3E2F10</vt:lpwstr></property></Properties>"""

CUSTOM_REL = ('<Relationship Id="rId9" '
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'custom-properties" Target="docProps/custom.xml"/>')
CUSTOM_TYPE = ('<Override PartName="/docProps/custom.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.'
               'custom-properties+xml"/>')


def patch_zip(src, dst, edits, extra):
    """Copies a zip, rewriting parts with `edits` (name -> function of the text) and adding
    `extra` (name -> text); entries get a fixed date."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            text = zin.read(item.filename)
            if item.filename in edits:
                text = edits[item.filename](text.decode("utf-8")).encode("utf-8")
            zout.writestr(zipfile.ZipInfo(item.filename, (2023, 7, 18, 9, 0, 0)), text,
                          zipfile.ZIP_DEFLATED)
        for name, text in extra.items():
            zout.writestr(zipfile.ZipInfo(name, (2023, 7, 18, 9, 0, 0)), text.encode("utf-8"),
                          zipfile.ZIP_DEFLATED)


def wps_like():
    wb = openpyxl.Workbook()
    fixed_properties(wb)
    ident = wb.active
    ident.title = "Identification"
    identification_sheet(
        ident,
        ["GT 2", "J1", "Direction nationale de la promotion de l'enfant et de la famille",
         "Point focal traite", dt.datetime(2023, 7, 18)],
    )
    ws = wb.create_sheet("Bilan")
    ws.append(HEADER)
    ws.append(["2", "2.1.1", "Prendre en charge les victimes dans les centres d'accueil",
               "Réalisé", 100, 20000000, 19000000])
    ws.append(["2", "2.1.3", "Mettre en place un numéro vert", "Non réalisé", 0, 3000000, 0])
    tmp = out("wps-like.tmp.xlsx")
    wb.save(tmp)
    patch_zip(
        tmp,
        out("wps-like.xlsx"),
        {
            "docProps/app.xml": lambda _: WPS_APP,
            "_rels/.rels": lambda xml: xml.replace("</Relationships>",
                                                   CUSTOM_REL + "</Relationships>"),
            "[Content_Types].xml": lambda xml: xml.replace("</Types>", CUSTOM_TYPE + "</Types>"),
        },
        {"docProps/custom.xml": WPS_CUSTOM},
    )
    os.remove(tmp)


# --- KoboToolbox: the xlsx export, written by xlsxwriter ---------------------------------------


def kobo_export():
    wb = xlsxwriter_workbook("kobo-export.xlsx")
    when = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    # Kobo names the sheet after the form; this form is titled "Bilan".
    ws = wb.add_worksheet("Bilan")
    header = [
        "start", "end", "Groupe de travail", *HEADER,
        "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
        "_submitted_by", "__version__", "_tags", "_index",
    ]
    ws.write_row(0, 0, header)
    rows = [
        [dt.datetime(2023, 7, 18, 10, 2, 11), dt.datetime(2023, 7, 18, 10, 9, 47), "GT 3",
         "1", "1.2.1", "Produire des spots radio en langues nationales", "Réalisé", 100,
         7500000, 7500000, 48213907, "0c6c1d1e-3f0b-4a55-9f3e-5d1c2b7a9e01",
         dt.datetime(2023, 7, 18, 10, 9, 52)],
        [dt.datetime(2023, 7, 18, 10, 11, 3), dt.datetime(2023, 7, 18, 10, 15, 30), "GT 3",
         "1", "1.2.2", "Diffuser les messages dans les gares routières", "En cours", 30,
         2000000, 600000, 48213950, "6a1f2e3d-4c5b-4e6f-8a7b-9c0d1e2f3a4b",
         dt.datetime(2023, 7, 18, 10, 15, 34)],
    ]
    for r, row in enumerate(rows, start=1):
        ws.write_datetime(r, 0, row[0], when)
        ws.write_datetime(r, 1, row[1], when)
        ws.write_row(r, 2, row[2:8])
        ws.write_number(r, 8, row[8])
        ws.write_number(r, 9, row[9])
        ws.write_number(r, 10, row[10])
        ws.write_string(r, 11, row[11])
        ws.write_datetime(r, 12, row[12], when)
        ws.write_row(r, 13, ["", "", "submitted_via_web", "", "vXq7Lm2pRt9sKd4wYb8nCe", ""])
        ws.write_number(r, 19, r)
    wb.close()


# --- xlsxwriter with the 1904 date system --------------------------------------------------------


def date1904():
    wb = xlsxwriter_workbook("date1904.xlsx", {"date_1904": True})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ident = wb.add_worksheet("Identification")
    ident.write(0, 0, "Identification")
    values = ["GT 4", "J2", "Comité national de lutte contre la traite", "Secrétaire permanent"]
    for i, (label, value) in enumerate(zip(IDENTIFICATION_LABELS, values), start=2):
        ident.write(i, 0, label)
        ident.write(i, 1, value)
    ident.write(6, 0, "Date")
    ident.write_datetime(6, 1, dt.datetime(2023, 7, 19), date)
    ws = wb.add_worksheet("Bilan")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["4", "4.1.1", "Tenir les réunions trimestrielles du comité national",
                        "Réalisé", 100, 4000000, 4000000])
    ws.write_row(2, 0, ["4", "4.1.3", "Évaluer le plan à mi-parcours", "Non réalisé", 0,
                        12000000, 0])
    wb.close()


# --- openpyxl: a hidden sheet and a hidden row ---------------------------------------------------


def hidden_sheet_row():
    wb = openpyxl.Workbook()
    fixed_properties(wb)
    ws = wb.active
    ws.title = "Bilan"
    ws.append(HEADER)
    ws.append(["1", "1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", 100,
               12000000, 12000000])
    ws.append(["1", "1.1.2", "Former les leaders religieux et coutumiers", "Non réalisé", 0,
               8000000, 0])
    ws.append(["1", "1.1.3", "Organiser des caravanes de sensibilisation", "En cours", 25,
               6000000, 1500000])
    # A row the group hid instead of deleting it.
    ws.row_dimensions[3].hidden = True
    draft = wb.create_sheet("Brouillon")
    draft.append(HEADER)
    draft.append(["1", "1.1.9", "Activité à confirmer", "En cours", 10, 1000000, 100000])
    draft.sheet_state = "hidden"
    wb.save(out("hidden-sheet-row.xlsx"))


# --- xlsxwriter: merged cells in the data --------------------------------------------------------


def merged_cells():
    wb = xlsxwriter_workbook("merged-cells.xlsx")
    title = wb.add_format({"bold": True, "align": "center"})
    middle = wb.add_format({"valign": "vcenter", "align": "center"})
    ws = wb.add_worksheet("Bilan")
    ws.merge_range(0, 0, 0, 6, "Bilan du groupe 5 – axes 1 et 2", title)
    ws.write_row(1, 0, HEADER)
    # One axis written once for its activities, merged down the rows.
    ws.merge_range(2, 0, 4, 0, "1", middle)
    ws.merge_range(5, 0, 6, 0, "2", middle)
    rows = [
        ["1.1.1", "Sensibiliser les communautés frontalières", "Réalisé", 100, 12000000,
         11000000],
        ["1.1.2", "Former les leaders religieux et coutumiers", "En cours", 45, 8000000,
         3000000],
        ["1.2.1", "Produire des spots radio en langues nationales", "Réalisé", 100, 7500000,
         7200000],
        ["2.1.1", "Prendre en charge les victimes dans les centres d'accueil", "En cours", 60,
         25000000, 14000000],
        ["2.1.2", "Assurer le retour et la réinsertion des victimes", "Non réalisé", 0,
         18000000, 0],
    ]
    for r, row in enumerate(rows, start=2):
        ws.write_row(r, 1, row)
    wb.close()


# --- atelier's template filled in, before LibreOffice saves it again (called by make.mjs) -------


def fill_template(src, dst):
    wb = openpyxl.load_workbook(src)
    ident = wb["Identification"]
    ident["B6"] = "Ministère de la Santé et de l'Action sociale"
    ident["B7"] = "Directeur de la protection sociale"
    ident["B8"] = dt.datetime(2023, 7, 20)
    ident["B8"].number_format = "dd/mm/yyyy"
    ws = wb["Bilan"]
    header = [c.value for c in ws[1]]
    col = {name: i + 1 for i, name in enumerate(header)}
    rows = [
        {"Axe stratégique *": "Axe 2 – Protection et assistance aux victimes",
         "Code activité *": "2.1.1",
         "Activité *": "Prendre en charge les victimes dans les centres d'accueil",
         "Structure responsable": "Direction nationale du développement social",
         "Statut *": "Réalisé", "Taux de réalisation (%)": 100,
         "Budget prévu (FCFA)": 25000000, "Budget exécuté (FCFA)": 24000000},
        {"Axe stratégique *": "Axe 2 – Protection et assistance aux victimes",
         "Code activité *": "2.1.2",
         "Activité *": "Assurer le retour et la réinsertion des victimes",
         "Statut *": "Partiellement réalisé", "Taux de réalisation (%)": 40,
         "Budget prévu (FCFA)": 18000000, "Budget exécuté (FCFA)": 7000000,
         "Difficultés rencontrées": "Retard de décaissement"},
        {"Axe stratégique *": "Axe 2 – Protection et assistance aux victimes",
         "Code activité *": "2.2.1", "Activité *": "Former les travailleurs sociaux",
         "Statut *": "Non réalisé", "Taux de réalisation (%)": 0,
         "Budget prévu (FCFA)": 6000000, "Activité non programmée": "Non"},
    ]
    for r, row in enumerate(rows, start=2):
        for name, value in row.items():
            ws.cell(r, col[name], value)
    fixed_properties(wb)
    wb.save(dst)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "fill":
        fill_template(sys.argv[2], sys.argv[3])
        return
    openpyxl_notes()
    xlsxwriter_shared_strings()
    xlsxwriter_constant_memory()
    pandas_openpyxl()
    wps_like()
    kobo_export()
    date1904()
    hidden_sheet_row()
    merged_cells()


if __name__ == "__main__":
    main()
