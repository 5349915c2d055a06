using System.Net;
using System.Text.RegularExpressions;
using Arsip.Dispositions;
using Files = Arsip.IntegrationTests.Attachments.Samples;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Pages;

/// <summary>The official's pages refuse what the API refuses: 404 for what the caller may not see, the API's 409s, no post without the anti-forgery token, no secret letter in another's counts.</summary>
public partial class OfficialPagesTests(ArsipApp app) : DispositionTest(app)
{
    [Fact]
    public async Task Disposition_letter_and_file_pages_are_404_for_whoever_may_not_see_the_letter()
    {
        var letter = await LetterToAsync("sekda");
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum"]);
        var scan = Files.Pdf();
        var uploaded = await (await As("registrar")).PostAsync($"/api/incoming-letters/{letter}/attachments", Files.Form("scan", (scan, "scan.pdf", "application/pdf")));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var file = $"/surat-masuk/{letter}/berkas/{Files.Sha256(scan)}";

        var outsider = await As("kadinkes");
        (await outsider.GetAsync($"/disposisi/{slip}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/surat-masuk/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await outsider.GetAsync(file)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("sekda")).GetAsync($"/disposisi/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var shown = await (await As("sekda")).GetAsync(file);
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        shown.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        shown.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        (await shown.Content.ReadAsByteArrayAsync()).ShouldBe(scan);

        // the issuer opening the page is not a read; the recipient's first opening is, once
        (await (await As("sekda")).GetAsync($"/disposisi/{slip}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DetailAsync("sekda", slip)).Disposition.Reads.ShouldBeEmpty();
        (await (await As("kabag.umum")).GetAsync($"/disposisi/{slip}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await As("kabag.umum")).GetAsync($"/disposisi/{slip}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DetailAsync("sekda", slip)).Disposition.Reads.ShouldHaveSingleItem().PersonName.ShouldBe("Drs. Agus Salim, M.Si.");
    }

    [Fact]
    public async Task Page_forms_refuse_as_the_API_does_and_need_the_anti_forgery_token()
    {
        var letter = await LetterToAsync("sekda");
        var slip = await DisposeAsync("sekda", letter, ["kabag.umum", "kabag.hukum"]);
        var sekda = await As("sekda");
        var withdrawToken = await TokenAsync(sekda, $"/disposisi/{slip}");
        (await (await As("kabag.umum")).GetAsync($"/disposisi/{slip}")).StatusCode.ShouldBe(HttpStatusCode.OK); // read

        var withdraw = await PostFormAsync(sekda, $"/disposisi/{slip}?handler=Tarik", withdrawToken, ("WithdrawReason", "Salah alamat"));
        withdraw.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await withdraw.Content.ReadAsStringAsync()).ShouldContain("tidak dapat ditarik");
        (await DetailAsync("sekda", slip)).Disposition.State.ShouldBe(DispositionState.Open);

        // the issuer is not a recipient: the API's 403 message, shown on the page
        var complete = await PostFormAsync(sekda, $"/disposisi/{slip}?handler=Selesai", await TokenAsync(sekda, $"/disposisi/{slip}"));
        complete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await complete.Content.ReadAsStringAsync()).ShouldContain("Hanya penerima disposisi");

        var kabag = await As("kabag.umum");
        (await PostFormAsync(kabag, $"/disposisi/{slip}?handler=Selesai", token: null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DetailAsync("sekda", slip)).Recipients.ShouldAllBe(r => r.Status != RecipientStatus.Done);

        var empty = await PostFormAsync(kabag, $"/disposisi/{slip}?handler=TindakLanjut", await TokenAsync(kabag, $"/disposisi/{slip}"), ("text", " "));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("id=\"text-error\"");

        var done = await PostFormAsync(kabag, $"/disposisi/{slip}?handler=Selesai", await TokenAsync(kabag, $"/disposisi/{slip}"), ("CompleteNote", "Beres"));
        done.StatusCode.ShouldBe(HttpStatusCode.OK); // after the redirect back to the page
        var umum = await PositionOf("kabag.umum");
        (await DetailAsync("sekda", slip)).Recipients.Single(r => r.PositionId == umum).Status.ShouldBe(RecipientStatus.Done);
    }

    [Fact]
    public async Task A_secret_letter_counts_and_lists_only_for_its_chain()
    {
        var subject = "Rahasia: pemeriksaan khusus pengadaan";
        var recipientBefore = await (await As("kabag.umum")).GetStringAsync("/");
        var otherBefore = await (await As("kabag.hukum")).GetStringAsync("/");
        var letter = await LetterToAsync("sekda", securityLevel: "Rahasia", subject: subject);
        await DisposeAsync("sekda", letter, ["kabag.umum"]);

        var recipient = await (await As("kabag.umum")).GetStringAsync("/");
        Count(recipient, "belum-dibaca").ShouldBe(Count(recipientBefore, "belum-dibaca") + 1);
        recipient.ShouldContain("data-testid=\"unread-badge\"");
        (await (await As("kabag.umum")).GetStringAsync("/disposisi?status=semua")).ShouldContain(subject);

        var other = await (await As("kabag.hukum")).GetStringAsync("/");
        Count(other, "belum-dibaca").ShouldBe(Count(otherBefore, "belum-dibaca"));
        Count(other, "terbuka").ShouldBe(Count(otherBefore, "terbuka"));
        (await (await As("kabag.hukum")).GetStringAsync("/disposisi?status=semua")).ShouldNotContain(subject);
        (await (await As("kabag.hukum")).GetAsync($"/surat-masuk/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("auditor")).GetAsync($"/surat-masuk/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "auditors see no secret letter");
    }

    private static int Count(string html, string counter) =>
        int.Parse(Regex.Match(html, $"data-testid=\"count-{counter}\">(\\d+)<").Groups[1].Value);

    private static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no anti-forgery token on {page}");
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null) values.Add(new("__RequestVerificationToken", token));
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
