using System.Text;
using Arsip.Pdf;
using Arsip.Pdf.Layout;

namespace Arsip.Tests.Pdf;

public class StableDocumentIdTests
{
    private static byte[] Pdf(string uuid, string trailerId) => Encoding.Latin1.GetBytes(
        $"%PDF-1.7\n1 0 obj <</Length 40>> stream\n<xmpMM:DocumentID>uuid:{uuid}</xmpMM:DocumentID>\nendstream endobj\n" +
        $"xref\n0 2\ntrailer\n<</Size 2\n/ID [{trailerId} {trailerId}]>>\nstartxref\n99\n%%EOF\n");

    [Fact]
    public void A_trailer_id_written_as_a_literal_string_is_replaced_too()
    {
        // Skia writes the id as a literal string when that is shorter than hex; escapes and brackets included.
        var literal = StableDocumentId.Apply(Pdf("57780a05-919b-8289-858e-40eea9be38aa", "(F\\364\\272[6\\0218N\\)]v{&\\303no)"));
        var hex = StableDocumentId.Apply(Pdf("d9f2490e-dc3d-8070-b426-c9fb75a8fe44", "<D9F2490EDC3D8070B426C9FB75A8FE44>"));
        Encoding.Latin1.GetString(literal).ShouldBe(Encoding.Latin1.GetString(hex));
        Encoding.Latin1.GetString(literal).ShouldMatch(@"/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]>>\nstartxref\n99\n%%EOF\n$");
    }

    [Fact]
    public void Many_renders_of_one_letter_are_all_byte_identical()
    {
        // Each render starts from a fresh random Skia id; about one in a hundred used to come out as a literal string.
        var letter = Samples.Letter();
        var first = LetterPdf.Render(letter);
        for (var i = 0; i < 300; i++) LetterPdf.Render(letter).ShouldBe(first, $"render {i}");
    }
}
