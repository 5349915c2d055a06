using System.Formats.Asn1;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Arsip.Pdf.Signing;

/// <summary>What the signature dictionary says beside the CMS: who, why, where and when (the claimed signing time, PAdES /M).</summary>
public sealed record PdfSignatureInfo(string SignerName, string Reason, string Location, DateTimeOffset SigningTime, int ReservedBytes = 16 * 1024);

/// <summary>A PDF with an empty signature appended as an incremental update: sign <see cref="SignedContent"/>, then <see cref="Complete"/>.</summary>
public sealed class PreparedPdfSignature
{
    private readonly byte[] _pdf;
    private readonly int _contentsStart;
    private readonly int _contentsEnd;

    internal PreparedPdfSignature(byte[] pdf, int contentsStart, int contentsEnd)
    {
        (_pdf, _contentsStart, _contentsEnd) = (pdf, contentsStart, contentsEnd);
    }

    /// <summary>The /ByteRange: everything but the /Contents hex string.</summary>
    public long[] ByteRange => [0, _contentsStart, _contentsEnd, _pdf.Length - _contentsEnd];

    /// <summary>The bytes the CMS signs (detached).</summary>
    public byte[] SignedContent() => [.. _pdf.AsSpan(0, _contentsStart), .. _pdf.AsSpan(_contentsEnd)];

    /// <summary>How many bytes of CMS the reserved /Contents holds.</summary>
    public int Room => (_contentsEnd - _contentsStart - 2) / 2;

    /// <summary>Writes the DER-encoded CMS into the reserved /Contents; the rest of the file is already final.</summary>
    public byte[] Complete(ReadOnlySpan<byte> cms)
    {
        var room = Room;
        if (cms.Length > room) throw new InvalidOperationException($"The signature ({cms.Length} bytes) does not fit the {room} bytes reserved.");
        var result = (byte[])_pdf.Clone();
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms), result.AsSpan(_contentsStart + 1));
        return result;
    }
}

/// <summary>
/// PAdES signatures as an incremental update (ISO 32000-1 §12.8, ETSI EN 319 142-1): the original bytes stay as they are,
/// a signature field, its value and the updated catalog and page are appended with their own xref section. An invisible
/// widget (zero rectangle, allowed by PDF/A-2 without an appearance): the visible block is drawn in the page by the renderer.
/// </summary>
public static partial class PdfSignatures
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static PreparedPdfSignature Prepare(byte[] pdf, PdfSignatureInfo info)
    {
        var text = Latin1.GetString(pdf);
        var startXref = StartXref().Matches(text) is { Count: > 0 } found ? long.Parse(found[^1].Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new FormatException("No startxref: not a PDF.");
        var trailerAt = text.LastIndexOf("trailer", StringComparison.Ordinal);
        if (trailerAt < startXref || !text.AsSpan((int)startXref).StartsWith("xref"))
            throw new NotSupportedException("Only PDFs with a classic cross-reference table can be signed here.");
        var trailer = DictionaryAt(text, text.IndexOf("<<", trailerAt, StringComparison.Ordinal));
        var size = int.Parse(Key(trailer, "Size") ?? throw new FormatException("Trailer without /Size."), CultureInfo.InvariantCulture);
        var root = Reference(trailer, "Root") ?? throw new FormatException("Trailer without /Root.");
        var catalog = ObjectDictionary(text, root);
        if (catalog.Contains("/AcroForm", StringComparison.Ordinal)) throw new NotSupportedException("The PDF already has a form or a signature.");
        var page = FirstPage(text, Reference(catalog, "Pages") ?? throw new FormatException("Catalog without /Pages."));
        var pageDictionary = ObjectDictionary(text, page);

        var (widget, signature) = (size, size + 1);
        var pageWithAnnotation = AnnotsInline().Match(pageDictionary) is { Success: true } inline
            ? pageDictionary.Remove(inline.Index, inline.Length).Insert(inline.Index, $"/Annots [{inline.Groups[1].Value} {widget} 0 R]")
            : AnnotsReference().Match(pageDictionary) is { Success: true } referenced
                ? pageDictionary.Remove(referenced.Index, referenced.Length).Insert(referenced.Index,
                    $"/Annots [{ArrayBody(text, int.Parse(referenced.Groups[1].Value, CultureInfo.InvariantCulture))} {widget} 0 R]")
                : Append(pageDictionary, $"/Annots [{widget} 0 R]");
        var catalogWithForm = Append(catalog, $"/AcroForm << /Fields [{widget} 0 R] /SigFlags 3 >>");

        var update = new MemoryStream();
        var offsets = new SortedDictionary<int, long>();
        update.Write(pdf);
        if (pdf[^1] is not (byte)'\n' and not (byte)'\r') update.WriteByte((byte)'\n');

        void Object(int number, string body)
        {
            offsets[number] = update.Position;
            update.Write(Latin1.GetBytes($"{number} 0 obj\n{body}\nendobj\n"));
        }

        Object(root, catalogWithForm);
        Object(page, pageWithAnnotation);
        Object(widget, $"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Tandatangan{widget}) /V {signature} 0 R /F 132 /Rect [0 0 0 0] /P {page} 0 R >>");

        var placeholder = new string('0', info.ReservedBytes * 2);
        var byteRangePlaceholder = "/ByteRange [0 " + new string(' ', 32) + "]";
        var signatureBody = $"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached {byteRangePlaceholder} " +
                            $"/Contents <{placeholder}> /M {PdfDate(info.SigningTime)} /Name {PdfText(info.SignerName)} " +
                            $"/Reason {PdfText(info.Reason)} /Location {PdfText(info.Location)} >>";
        offsets[signature] = update.Position;
        var header = Latin1.GetBytes($"{signature} 0 obj\n");
        var signatureObjectStart = update.Position + header.Length;
        update.Write(header);
        update.Write(Latin1.GetBytes(signatureBody + "\nendobj\n"));

        var xref = update.Position;
        var table = new StringBuilder("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            table.Append(CultureInfo.InvariantCulture, $"{run[0]} {run.Count}\n");
            foreach (var number in run) table.Append(CultureInfo.InvariantCulture, $"{offsets[number]:D10} 00000 n \n");
        }
        var id = IdArray().Match(trailer) is { Success: true } ids ? $" /ID {ids.Value}" : "";
        var infoEntry = Reference(trailer, "Info") is { } infoRef ? $" /Info {infoRef} 0 R" : "";
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size + 2} /Root {root} 0 R{infoEntry}{id} /Prev {startXref} >>\nstartxref\n{xref}\n%%EOF\n");
        update.Write(Latin1.GetBytes(table.ToString()));

        var bytes = update.ToArray();
        var contentsStart = (int)signatureObjectStart + signatureBody.IndexOf("/Contents <", StringComparison.Ordinal) + "/Contents ".Length;
        var contentsEnd = contentsStart + placeholder.Length + 2;
        var range = $"0 {contentsStart} {contentsEnd} {bytes.Length - contentsEnd}]";
        var rangeAt = (int)signatureObjectStart + signatureBody.IndexOf("/ByteRange [", StringComparison.Ordinal) + "/ByteRange [".Length;
        Latin1.GetBytes(range.PadRight(byteRangePlaceholder.Length - "/ByteRange [".Length), bytes.AsSpan(rangeAt));
        return new PreparedPdfSignature(bytes, contentsStart, contentsEnd);
    }

    /// <summary>Every signature dictionary in the file, last revision last: its byte range, the CMS bytes and the dictionary's own claims.</summary>
    public static IReadOnlyList<EmbeddedPdfSignature> Read(byte[] pdf)
    {
        var text = Latin1.GetString(pdf);
        var found = new List<EmbeddedPdfSignature>();
        foreach (Match m in ByteRangeEntry().Matches(text))
        {
            long[] range = [.. Enumerable.Range(1, 4).Select(i => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture))];
            if (range[0] != 0 || range[1] <= 0 || range[2] <= range[1] || range[2] + range[3] > pdf.Length) continue;
            var hex = text.AsSpan((int)range[1], (int)(range[2] - range[1])).Trim().Trim("<>").ToString();
            if (hex.Length % 2 == 1 || !hex.All(Uri.IsHexDigit)) continue;
            var raw = Convert.FromHexString(hex);
            byte[] cms;
            try
            {
                AsnDecoder.ReadEncodedValue(raw, AsnEncodingRules.BER, out _, out _, out var consumed);
                cms = raw[..consumed];
            }
            catch (AsnContentException) { cms = []; }
            var objectStart = text.LastIndexOf(" obj", m.Index, StringComparison.Ordinal);
            var objectEnd = text.IndexOf("endobj", m.Index, StringComparison.Ordinal);
            var dictionary = objectStart < 0 || objectEnd < 0 ? "" : text[objectStart..objectEnd];
            found.Add(new EmbeddedPdfSignature(range, cms, Name(dictionary, "SubFilter"), Key(dictionary, "M") is { } date ? ParseDate(date) : null,
                TextOf(dictionary, "Name"), TextOf(dictionary, "Reason"), range[2] + range[3] == pdf.Length || OnlyEofAfter(pdf, range[2] + range[3])));
        }
        return found;
    }

    /// <summary>The bytes a signature covers.</summary>
    public static byte[] CoveredBytes(byte[] pdf, EmbeddedPdfSignature signature) =>
        [.. pdf.AsSpan(0, (int)signature.ByteRange[1]), .. pdf.AsSpan((int)signature.ByteRange[2], (int)signature.ByteRange[3])];

    private static bool OnlyEofAfter(byte[] pdf, long end) => pdf.AsSpan((int)end).IndexOfAnyExcept("\r\n \0"u8) < 0;

    private static IEnumerable<List<int>> Runs(IEnumerable<int> numbers)
    {
        var run = new List<int>();
        foreach (var n in numbers)
        {
            if (run.Count > 0 && n != run[^1] + 1) { yield return run; run = []; }
            run.Add(n);
        }
        if (run.Count > 0) yield return run;
    }

    private static int FirstPage(string text, int pages)
    {
        for (var node = pages; ;)
        {
            var dictionary = ObjectDictionary(text, node);
            if (!Regex.IsMatch(dictionary, @"/Type\s*/Pages\b")) return node;
            var kids = Regex.Match(dictionary, @"/Kids\s*\[\s*(\d+)\s+\d+\s+R");
            if (!kids.Success) throw new FormatException("A page tree without kids.");
            node = int.Parse(kids.Groups[1].Value, CultureInfo.InvariantCulture);
        }
    }

    private static string ArrayBody(string text, int number)
    {
        var body = ObjectBody(text, number).Trim();
        return body.StartsWith('[') && body.EndsWith(']') ? body[1..^1] : throw new FormatException($"Object {number} is not an array.");
    }

    private static string ObjectDictionary(string text, int number)
    {
        var body = ObjectBody(text, number);
        return DictionaryAt(body, body.IndexOf("<<", StringComparison.Ordinal));
    }

    /// <summary>The last definition wins, as in a file with incremental updates.</summary>
    private static string ObjectBody(string text, int number)
    {
        var matches = Regex.Matches(text, $@"(?<![0-9]){number}\s+0\s+obj\b");
        if (matches.Count == 0) throw new FormatException($"Object {number} not found.");
        var start = matches[^1].Index + matches[^1].Length;
        var end = text.IndexOf("endobj", start, StringComparison.Ordinal);
        return text[start..end];
    }

    /// <summary>The balanced &lt;&lt; … &gt;&gt; starting at <paramref name="at"/>, minding strings.</summary>
    private static string DictionaryAt(string text, int at)
    {
        if (at < 0) throw new FormatException("Dictionary expected.");
        var depth = 0;
        for (var i = at; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    for (var nesting = 0; i < text.Length; i++)
                    {
                        if (text[i] == '\\') { i++; continue; }
                        if (text[i] == '(') nesting++;
                        else if (text[i] == ')' && --nesting == 0) break;
                    }
                    break;
                case '<' when i + 1 < text.Length && text[i + 1] == '<': depth++; i++; break;
                case '>' when i + 1 < text.Length && text[i + 1] == '>':
                    depth--; i++;
                    if (depth == 0) return text[at..(i + 1)];
                    break;
            }
        }
        throw new FormatException("Unterminated dictionary.");
    }

    private static string Append(string dictionary, string entries) => dictionary[..^2].TrimEnd() + " " + entries + " >>";

    private static string? Key(string dictionary, string key) =>
        Regex.Match(dictionary, $@"/{key}\s*(\([^)]*\)|\d+)") is { Success: true } m ? m.Groups[1].Value.Trim('(', ')') : null;

    private static string? Name(string dictionary, string key) =>
        Regex.Match(dictionary, $@"/{key}\s*/([A-Za-z0-9.#_-]+)") is { Success: true } m ? m.Groups[1].Value : null;

    private static int? Reference(string dictionary, string key) =>
        Regex.Match(dictionary, $@"/{key}\s+(\d+)\s+\d+\s+R") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static string? TextOf(string dictionary, string key)
    {
        var m = Regex.Match(dictionary, $@"/{key}\s*(?:<([0-9A-Fa-f\s]*)>|\(((?:\\.|[^\\)])*)\))");
        if (!m.Success) return null;
        if (m.Groups[1].Success)
        {
            var bytes = Convert.FromHexString(Regex.Replace(m.Groups[1].Value, @"\s", ""));
            return bytes is [0xFE, 0xFF, ..] ? Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2) : Latin1.GetString(bytes);
        }
        return Regex.Unescape(m.Groups[2].Value.Replace("\\(", "(").Replace("\\)", ")"));
    }

    /// <summary>UTF-16BE with its byte-order mark, as a hex string: names may carry any letter.</summary>
    private static string PdfText(string value) => $"<FEFF{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value))}>";

    private static string PdfDate(DateTimeOffset at)
    {
        var offset = at.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return $"(D:{at:yyyyMMddHHmmss}{sign}{Math.Abs(offset.Hours):D2}'{Math.Abs(offset.Minutes):D2}')";
    }

    internal static DateTimeOffset? ParseDate(string value)
    {
        var m = Regex.Match(value, @"D:(\d{14})(?:([+-])(\d{2})'?(\d{2})'?|Z)?");
        if (!m.Success) return null;
        var local = DateTime.ParseExact(m.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var offset = m.Groups[2].Success
            ? TimeSpan.FromHours(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)) + TimeSpan.FromMinutes(int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture))
            : TimeSpan.Zero;
        return new DateTimeOffset(local, m.Groups[2].Value == "-" ? -offset : offset);
    }

    [GeneratedRegex(@"startxref\s+(\d+)\s+%%EOF")]
    private static partial Regex StartXref();
    [GeneratedRegex(@"/Annots\s*\[([^\]]*)\]")]
    private static partial Regex AnnotsInline();
    [GeneratedRegex(@"/Annots\s+(\d+)\s+0\s+R")]
    private static partial Regex AnnotsReference();
    [GeneratedRegex(@"\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")]
    private static partial Regex IdArray();
    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")]
    private static partial Regex ByteRangeEntry();
}

/// <summary>One signature found in a PDF; <see cref="CoversWholeFile"/> is false when bytes were appended after it.</summary>
public sealed record EmbeddedPdfSignature(
    long[] ByteRange, byte[] Cms, string? SubFilter, DateTimeOffset? ClaimedSigningTime, string? Name, string? Reason, bool CoversWholeFile);
