using System.Security.Cryptography;
using System.Text;

namespace Arsip.Pdf.Layout;

/// <summary>Skia stamps a clock-derived UUID in the XMP and the trailer's /ID; a hash of the rest of the file (same length in the body, so xref offsets hold) makes re-renders byte-identical.</summary>
internal static class StableDocumentId
{
    private const int UuidLength = 36;
    private const int HexLength = 32;

    public static byte[] Apply(byte[] input)
    {
        var marker = "uuid:"u8;
        var at = input.AsSpan().IndexOf(marker);
        if (at < 0 || at + marker.Length + UuidLength > input.Length) return input;
        var pdf = WithBlankTrailerId(input, out var trailerHexAt);
        var uuid = Encoding.ASCII.GetString(pdf, at + marker.Length, UuidLength);
        var dashedAt = FindAll(pdf, Encoding.ASCII.GetBytes(uuid));
        var hexAt = FindAll(pdf, Encoding.ASCII.GetBytes(uuid.Replace("-", "").ToUpperInvariant()));
        hexAt.AddRange(trailerHexAt);

        // Blank the old id first, so the new one is a hash of the content alone.
        foreach (var p in dashedAt) pdf.AsSpan(p, UuidLength).Fill((byte)'0');
        foreach (var p in hexAt) pdf.AsSpan(p, HexLength).Fill((byte)'0');
        var id = SHA256.HashData(pdf).AsSpan(0, 16).ToArray();
        id[6] = (byte)((id[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom)
        id[8] = (byte)((id[8] & 0x3F) | 0x80); // RFC 9562 variant
        var hex = Convert.ToHexString(id);
        var dashed = new Guid(hex).ToString("D");
        foreach (var p in dashedAt) Encoding.ASCII.GetBytes(dashed).CopyTo(pdf, p);
        foreach (var p in hexAt) Encoding.ASCII.GetBytes(hex).CopyTo(pdf, p);
        return pdf;
    }

    private static byte[] WithBlankTrailerId(byte[] pdf, out int[] hexAt)
    {
        hexAt = [];
        var trailer = pdf.AsSpan().LastIndexOf("trailer"u8);
        if (trailer < 0) return pdf.ToArray();
        var key = pdf.AsSpan(trailer).IndexOf("/ID"u8);
        if (key < 0) return pdf.ToArray();
        var start = trailer + key + 3;
        var i = SkipSpace(pdf, start);
        if (i >= pdf.Length || pdf[i] != (byte)'[') return pdf.ToArray();
        i++;
        for (var n = 0; n < 2 && i >= 0; n++) i = SkipString(pdf, SkipSpace(pdf, i));
        if (i < 0 || (i = SkipSpace(pdf, i)) >= pdf.Length || pdf[i] != (byte)']') return pdf.ToArray();

        var zeros = new string('0', HexLength);
        byte[] blank = Encoding.ASCII.GetBytes($" [<{zeros}> <{zeros}>]");
        hexAt = [start + 3, start + 3 + HexLength + 3];
        return [.. pdf.AsSpan(0, start), .. blank, .. pdf.AsSpan(i + 1)];
    }

    private static int SkipSpace(byte[] pdf, int i)
    {
        while (i < pdf.Length && pdf[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') i++;
        return i;
    }

    private static int SkipString(byte[] pdf, int i)
    {
        if (i >= pdf.Length) return -1;
        if (pdf[i] == (byte)'<')
        {
            var end = pdf.AsSpan(i).IndexOf((byte)'>');
            return end < 0 ? -1 : i + end + 1;
        }
        if (pdf[i] != (byte)'(') return -1;
        for (int j = i + 1, depth = 1; j < pdf.Length; j++)
        {
            switch (pdf[j])
            {
                case (byte)'\\': j++; break;
                case (byte)'(': depth++; break;
                case (byte)')': if (--depth == 0) return j + 1; break;
            }
        }
        return -1;
    }

    private static List<int> FindAll(byte[] pdf, byte[] value)
    {
        var found = new List<int>();
        for (var from = 0; from < pdf.Length;)
        {
            var next = pdf.AsSpan(from).IndexOf(value);
            if (next < 0) break;
            found.Add(from + next);
            from += next + value.Length;
        }
        return found;
    }
}
