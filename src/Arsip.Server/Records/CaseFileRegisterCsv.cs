using System.Text;
using Arsip.Pdf;
using nietras.SeparatedValues;

namespace Arsip.Records;

/// <summary>The CSV twin of the printed daftar berkas and daftar arsip aktif: the PDF's columns, Indonesian headers, CRLF,
/// UTF-8 with a byte order mark like the agenda book's CSV (so Excel reads the encoding). The daftar arsip aktif has a row per
/// item, its berkas repeated; a berkas with no item the reader may see is one row with empty item columns.</summary>
public static class CaseFileRegisterCsv
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the header row and the rows; leaves <paramref name="output"/> open.</summary>
    public static void Write(CaseFileListDocument list, Stream output)
    {
        var columns = CaseFileListColumns.For(list.Kind);
        using var text = new StreamWriter(output, Utf8WithBom, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text, leaveOpen: true))
        {
            void Row(Func<CaseFileListColumns.Column, string> value)
            {
                using var row = writer.NewRow();
                foreach (var column in columns) row[column.Title].Set(value(column));
            }

            // a list without berkas still names its columns
            if (list.Files.Count == 0) { writer.Header.Add(columns.Select(c => c.Title).ToArray()); writer.Header.Write(); }
            foreach (var file in list.Files)
            {
                if (list.Kind == CaseFileListKind.Register || file.Items.Count == 0) Row(c => c.File(file));
                else foreach (var item in file.Items) Row(c => c.Item is { } value ? value(item) : c.File(file));
            }
        }
    }

    /// <summary>The file name both lists download as, e.g. "daftar-arsip-aktif-bagian-umum-20261124.csv".</summary>
    public static string FileName(CaseFileListDocument list, string extension)
    {
        var unit = new string(list.UnitName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        while (unit.Contains("--", StringComparison.Ordinal)) unit = unit.Replace("--", "-", StringComparison.Ordinal);
        var kind = list.Kind == CaseFileListKind.Register ? "daftar-berkas" : "daftar-arsip-aktif";
        var when = list.Year is { } y ? y.ToString(System.Globalization.CultureInfo.InvariantCulture) : list.AsOf.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return $"{kind}-{unit.Trim('-')}-{when}.{extension}";
    }
}
