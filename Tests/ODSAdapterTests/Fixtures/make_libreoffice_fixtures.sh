#!/bin/sh
# Writes the LibreOffice-saved fixtures: a flat ODS (.fods) written here, and a CSV, each opened and
# saved as .ods by LibreOffice headless, so that the tests read what LibreOffice really writes
# (repeats, calcext types, automatic styles, settings.xml, meta.xml). Needs soffice on PATH.
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
cat > "$tmp/libreoffice_saved_features.fods" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:percentage-style style:name="N1"><number:number number:decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
  <number:date-style style:name="N2"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
  <number:time-style style:name="N3"><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:time-style>
  <style:style style:name="cePct" style:family="table-cell" style:data-style-name="N1"/>
  <style:style style:name="ceDate" style:family="table-cell" style:data-style-name="N2"/>
  <style:style style:name="ceTime" style:family="table-cell" style:data-style-name="N3"/>
  <style:style style:name="roHidden" style:family="table-row"><style:table-row-properties style:row-height="0.5cm"/></style:style>
  <style:style style:name="taShown" style:family="table"><style:table-properties table:display="true"/></style:style>
  <style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="OKR" table:style-name="taShown">
   <table:table-column table:number-columns-repeated="4"/>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Key result</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Start</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Current</text:p></table:table-cell>
    <table:table-cell office:value-type="string"><text:p>Progress</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><text:p>Conversie</text:p><text:p>naar 25%</text:p></table:table-cell>
    <table:table-cell table:style-name="cePct" office:value-type="percentage" office:value="0.18"><text:p>18%</text:p></table:table-cell>
    <table:table-cell table:style-name="cePct" office:value-type="percentage" office:value="0.21"><text:p>21%</text:p></table:table-cell>
    <table:table-cell table:formula="of:=([.C2]-[.B2])/(0.25-[.B2])" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string"><office:annotation><dc:creator>Lead</dc:creator><text:p>check this</text:p></office:annotation><text:p>Omzet  <text:span>€</text:span></text:p></table:table-cell>
    <table:table-cell office:value-type="currency" office:currency="EUR" office:value="1200.5"><text:p>€1,200.50</text:p></table:table-cell>
    <table:table-cell table:style-name="ceDate" office:value-type="date" office:date-value="2026-06-30"><text:p>2026-06-30</text:p></table:table-cell>
    <table:table-cell table:style-name="ceTime" office:value-type="time" office:time-value="PT14H30M00S"><text:p>14:30:00</text:p></table:table-cell>
   </table:table-row>
   <table:table-row table:style-name="roHidden" table:visibility="collapse">
    <table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>
    <table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell>
    <table:table-cell table:formula="of:=SUM([.B2:.C2])" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell>
    <table:table-cell/>
   </table:table-row>
   <table:table-row>
    <table:table-cell office:value-type="string" table:number-columns-spanned="2" table:number-rows-spanned="1"><text:p>merged</text:p></table:table-cell>
    <table:covered-table-cell/>
    <table:table-cell office:value-type="float" office:value="7" table:number-columns-repeated="2"><text:p>7</text:p></table:table-cell>
   </table:table-row>
  </table:table>
  <table:table table:name="Verborgen" table:style-name="taHidden">
   <table:table-row><table:table-cell office:value-type="string"><text:p>hidden sheet</text:p></table:table-cell></table:table-row>
  </table:table>
 </office:spreadsheet></office:body>
</office:document>
XML
printf 'Datum,Omschrijving,Bedrag\n2026-06-30,Huur juni,1200.5\n2026-07-01,"Energie, juli",-35.25\n' > "$tmp/libreoffice_saved_from_csv.csv"
soffice --headless --convert-to ods --outdir . "$tmp/libreoffice_saved_features.fods" >/dev/null 2>&1
soffice --headless --convert-to ods --infilter=CSV:44,34,76,1 --outdir . "$tmp/libreoffice_saved_from_csv.csv" >/dev/null 2>&1
rm -r "$tmp"
