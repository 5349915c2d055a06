using System.Net;
using System.Net.Http.Json;
using UglyToad.PdfPig;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>The printed lembar disposisi carries the tree: who disposed to whom, what, by when, and how far it got.</summary>
public class RoutingSlipTests(ArsipApp app) : DispositionTest(app)
{
    [Fact]
    public async Task The_routing_slip_prints_the_disposition_tree_with_instructions_leads_and_status()
    {
        var letter = await LetterToAsync("sekda", subject: "Permohonan Data Formasi Jabatan Fungsional");
        var first = await IssuedAsync(await IssueAsync("sekda", letter, await Slip(["kabag.umum", "kabag.or"], lead: "kabag.umum", instructions: ["TINDAK_LANJUTI", "KOORDINASIKAN"])));
        await IssuedAsync(await ForwardAsync("kabag.umum", first, await Slip(["kasubbag.tu"], instructions: ["KAJI"])));
        (await (await As("kabag.or")).GetAsync($"/api/dispositions/{first}")).EnsureSuccessStatusCode(); // kabag.or reads it

        var response = await (await As("sekda")).GetAsync($"/api/incoming-letters/{letter}/routing-slip.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));

        text.ShouldContain("Permohonan Data Formasi Jabatan Fungsional");
        text.ShouldContain("Kepala Bagian Umum");
        text.ShouldContain("Kepala Subbagian Tata Usaha");
        text.ShouldContain("Tindak");
        text.ShouldContain("Dibaca");
        text.ShouldContain("Reny Hendrawaty"); // the Sekda's paraf
        text.IndexOf("Kepala Subbagian Tata Usaha", StringComparison.Ordinal).ShouldBeGreaterThan(text.IndexOf("Kepala Bagian Umum", StringComparison.Ordinal));
    }
}
