using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Dispositions;

/// <summary>A follow-up report (tindak lanjut) can carry its evidence: minutes, photos, a reply letter.</summary>
public class FollowUpFilesTests(ArsipApp app) : DispositionTest(app)
{
    private static readonly byte[] Minutes = [.. "%PDF-1.7\n"u8, .. "notula rapat koordinasi"u8, .. "\n%%EOF\n"u8];

    private static MultipartFormDataContent Form(string? text, byte[] file, string fileName, string contentType = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        if (text is not null) form.Add(new StringContent(text), "text");
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "files", fileName);
        return form;
    }

    [Fact]
    public async Task A_recipient_reports_with_files_that_those_who_see_the_letter_can_download()
    {
        var letter = await LetterToAsync("sekda");
        var slip = await IssuedAsync(await IssueAsync("sekda", letter, await Slip(["kabag.umum"])));
        var kabag = await As("kabag.umum");

        (await kabag.PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", Form(null, Minutes, "notula.pdf"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await kabag.PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", Form("Notula", Minutes, "notula.png"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await (await As("sekda")).PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", Form("Bukan penerima", Minutes, "notula.pdf"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("kabag.or")).PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", Form("Tidak melihat surat", Minutes, "notula.pdf"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var reported = await kabag.PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", Form("Rapat koordinasi sudah dilaksanakan", Minutes, "notula.pdf"));
        reported.StatusCode.ShouldBe(HttpStatusCode.NoContent, await reported.Content.ReadAsStringAsync());

        var tree = await (await As("sekda")).GetFromJsonAsync<DispositionTree>($"/api/letters/{letter}/dispositions", ArsipApp.Json);
        var file = tree!.Dispositions.Single().FollowUps.Single().Files!.Single();
        file.FileName.ShouldBe("notula.pdf");
        file.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Minutes)));

        (await (await As("sekda")).GetByteArrayAsync($"/api/dispositions/{slip}/files/{file.Sha256}")).ShouldBe(Minutes);
        (await (await As("kadinkes")).GetAsync($"/api/dispositions/{slip}/files/{file.Sha256}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_text_of_a_pdf_reported_with_a_follow_up_finds_the_letter_for_those_who_see_it()
    {
        var letter = await LetterToAsync("sekda", subject: "Undangan rapat koordinasi");
        var slip = await IssuedAsync(await IssueAsync("sekda", letter, await Slip(["kabag.umum"])));
        var phrase = $"normalisasi saluran Kalimalang {Guid.NewGuid():N}"[..44]; // unique words, only in the reported PDF
        var minutes = TestPdfs.Letter($"Rapat menyepakati {phrase} dimulai pekan depan.", subject: "Notula Rapat");
        (await (await As("kabag.umum")).PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", Form("Notula terlampir", minutes, "notula.pdf")))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var query = "/api/search?q=" + Uri.EscapeDataString(phrase.Split(' ')[^1] + " Kalimalang");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Arsip.Search.SearchResult found;
        while ((found = (await (await As("sekda")).GetFromJsonAsync<Arsip.Search.SearchResult>(query, ArsipApp.Json))!).TotalHits == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        found.Hits.ShouldHaveSingleItem().Id.ShouldBe(letter);
        found.Hits[0].Snippet!.ShouldContain("<mark>Kalimalang</mark>");
        // someone who may not see the letter does not find it by its follow-up's file either
        (await (await As("kadinkes")).GetFromJsonAsync<Arsip.Search.SearchResult>(query, ArsipApp.Json))!.TotalHits.ShouldBe(0);
    }
}
