using System.Net;
using System.Net.Http.Json;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.IntegrationTests.ReferenceData;

public class LetterheadsTests(ArsipApp app) : ReferenceDataTest(app)
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    private static object Agency(decimal fontSize = 12) => new
    {
        nameLines = new[] { "PEMERINTAH KOTA BEKASI", "SEKRETARIAT DAERAH" },
        address = "Jl. Ir. H. Juanda No. 100, Bekasi 17112",
        phone = "(021) 88397963",
        email = "setda@bekasikota.go.id",
        website = "www.bekasikota.go.id",
        paperSize = "F4",
        fontSize,
        lineSpacing = 1.15,
        emblem = Convert.ToBase64String(Png),
    };

    [Fact]
    public async Task Round_trips_a_letterhead_with_its_emblem_and_defaults()
    {
        var put = await Http.PutAsJsonAsync("/api/letterheads/agency", Agency(), ArsipApp.Json);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var version = (await ReadAsync<LetterheadResponse>(put)).Version;

        var unit = await Http.PutAsJsonAsync("/api/letterheads/Dinkes", new { nameLines = new[] { "PEMERINTAH KOTA BEKASI", "DINAS KESEHATAN" } }, ArsipApp.Json);
        unit.StatusCode.ShouldBe(HttpStatusCode.OK);

        var read = await Http.GetFromJsonAsync<LetterheadResponse>("/api/letterheads/agency", ArsipApp.Json);
        read!.Letterhead.NameLines.ShouldBe(["PEMERINTAH KOTA BEKASI", "SEKRETARIAT DAERAH"]);
        read.Letterhead.PaperSize.ShouldBe(PaperSize.F4);
        read.Letterhead.Margins.ShouldBe(new Margins(30, 25, 25, 30));
        read.Letterhead.FontFamily.ShouldBe("Liberation Sans");
        read.Letterhead.LineSpacing.ShouldBe(1.15m);
        read.Letterhead.Emblem.ShouldBe(Png);
        read.Letterhead.EmblemContentType.ShouldBe("image/png");

        var emblem = await Http.GetAsync("/api/letterheads/agency/emblem");
        emblem.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await emblem.Content.ReadAsByteArrayAsync()).ShouldBe(Png);
        (await Http.GetAsync("/api/letterheads/Dinkes/emblem")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var same = await Http.PutAsJsonAsync("/api/letterheads/agency", Agency(), ArsipApp.Json);
        (await ReadAsync<LetterheadResponse>(same)).Version.ShouldBe(version);
        var changed = await Http.PutAsJsonAsync("/api/letterheads/agency", Agency(fontSize: 11), ArsipApp.Json);
        (await ReadAsync<LetterheadResponse>(changed)).Version.ShouldBe(version + 1);

        var list = (await Http.GetFromJsonAsync<LetterheadSummary[]>("/api/letterheads", ArsipApp.Json))!;
        list.Select(l => l.Key).ShouldBe(["agency", "Dinkes"]);
        list[0].EmblemContentType.ShouldBe("image/png");
    }

    [Fact]
    public async Task The_regions_choices_are_kept_on_the_letterhead_and_the_draft_preview_follows_them()
    {
        var refused = await Http.PutAsJsonAsync("/api/letterheads/agency", new
        {
            nameLines = new[] { "PEMERINTAH KOTA BEKASI", "SEKRETARIAT DAERAH" }, enactedKinds = new[] { "SuratDinas" },
        }, ArsipApp.Json);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(refused)).Errors.Keys.ShouldBe(["enactedKinds"]);

        var put = await Http.PutAsJsonAsync("/api/letterheads/agency", new
        {
            nameLines = new[] { "PEMERINTAH KOTA BEKASI", "SEKRETARIAT DAERAH" }, paperSize = "A4",
            pageNumbers = "BottomRight", numberFirstPage = true, headKopKinds = Array.Empty<string>(), enactedKinds = new[] { "SuratEdaran", "SuratKeputusan" },
        }, ArsipApp.Json);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var read = (await Http.GetFromJsonAsync<LetterheadResponse>("/api/letterheads/agency", ArsipApp.Json))!.Letterhead;
        read.PageNumbers.ShouldBe(PageNumberPosition.BottomRight);
        read.NumberFirstPage.ShouldBeTrue();
        read.HeadKopKinds.ShouldBeEmpty();
        read.EnactedKinds.ShouldBe([Arsip.Kernel.LetterKind.SuratEdaran, Arsip.Kernel.LetterKind.SuratKeputusan]);

        var chart = (await Http.GetFromJsonAsync<Arsip.Organization.OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var draft = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratEdaran", classification = "000.5", securityLevel = "Biasa", urgency = "Biasa", subject = "Edaran tertib arsip", body = "Dengan hormat.",
            addressees = new[] { new { name = "Kepala Perangkat Daerah" } }, copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(),
            signatoryPositionId = chart.Positions.Single(p => p.Title == "Sekretaris Daerah").Id,
        }, ArsipApp.Json);
        draft.StatusCode.ShouldBe(HttpStatusCode.Created, await draft.Content.ReadAsStringAsync());
        var id = (await ReadAsync<Arsip.Correspondence.DraftOutgoingLetterResponse>(draft)).Id;
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf"));
        var page = pdf.GetPage(1);
        page.Text.ShouldContain("Ditetapkan di");
        page.Text.ShouldNotContain("Dikeluarkan di");
        var words = page.GetWords().ToList();
        var one = words.Single(w => w.Text == "1" && w.BoundingBox.Bottom < 30 * 72 / 25.4);
        one.BoundingBox.Right.ShouldBeGreaterThan(page.Width - 25 * 72 / 25.4 - 15, "the page number at the bottom right, on page 1 too");
    }

    [Fact]
    public async Task Rejects_a_bad_letterhead_naming_the_fields_and_404s_an_unknown_key()
    {
        var response = await Http.PutAsJsonAsync("/api/letterheads/Setda", new
        {
            nameLines = Array.Empty<string>(), email = "bukan-surel", fontFamily = "Comic Sans", lineSpacing = 2,
            emblem = Convert.ToBase64String("GIF89a......"u8.ToArray()),
        }, ArsipApp.Json);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ReadAsync<ValidationProblemDetails>(response)).Errors.Keys
            .ShouldBe(["nameLines", "email", "fontFamily", "lineSpacing", "emblem"], ignoreOrder: true);
        (await Http.GetAsync("/api/letterheads/Setda")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Http.PutAsJsonAsync("/api/letterheads/Setda", new { nameLines = new[] { "X" }, paperSize = "Letter" }, ArsipApp.Json))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
