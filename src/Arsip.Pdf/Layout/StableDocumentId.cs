using System.Security.Cryptography;
using System.Text;

namespace Arsip.Pdf.Layout;

/// <summary>
/// Skia stamps each PDF with a clock-derived document UUID, written as "uuid:..." in the XMP
/// packet and as hex in the trailer's /ID. Replacing it with a hash of the rest of the file
/// (same length, so the cross-reference offsets hold) makes re-renders of one model byte-identical.
/// </summary>
internal static class StableDocumentId
{
    private const int UuidLength = 36;

    public static void Apply(byte[] pdf)
    {
        var marker = "uuid:"u8;
        var at = pdf.AsSpan().IndexOf(marker);
        if (at < 0 || at + marker.Length + UuidLength > pdf.Length) return;
        var uuid = Encoding.ASCII.GetString(pdf, at + marker.Length, UuidLength);
        var dashedAt = FindAll(pdf, Encoding.ASCII.GetBytes(uuid));
        var hexAt = FindAll(pdf, Encoding.ASCII.GetBytes(uuid.Replace("-", "").ToUpperInvariant()));

        // Blank the old id first, so the new one is a hash of the content alone.
        foreach (var p in dashedAt) pdf.AsSpan(p, UuidLength).Fill((byte)'0');
        foreach (var p in hexAt) pdf.AsSpan(p, 32).Fill((byte)'0');
        var id = SHA256.HashData(pdf).AsSpan(0, 16).ToArray();
        id[6] = (byte)((id[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom)
        id[8] = (byte)((id[8] & 0x3F) | 0x80); // RFC 9562 variant
        var hex = Convert.ToHexString(id);
        var dashed = new Guid(hex).ToString("D");
        foreach (var p in dashedAt) Encoding.ASCII.GetBytes(dashed).CopyTo(pdf, p);
        foreach (var p in hexAt) Encoding.ASCII.GetBytes(hex).CopyTo(pdf, p);
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
