using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Hosting;

namespace Arsip.IntegrationTests.Attachments;

/// <summary>Sample files: recognisable by content, unique per call so each test owns its blobs.</summary>
public static class Samples
{
    public static byte[] Pdf(int bodyBytes = 2000) =>
        [.. "%PDF-1.7\n"u8, .. Noise(bodyBytes), .. "\n%%EOF\n"u8];

    public static byte[] Png(int bodyBytes = 500) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Noise(bodyBytes), 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    public static byte[] Jpeg(int bodyBytes = 500) => [0xFF, 0xD8, 0xFF, 0xE0, .. Noise(bodyBytes), 0xFF, 0xD9];

    public static byte[] Noise(int length) => RandomNumberGenerator.GetBytes(length);

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static MultipartFormDataContent Form(string? kind, params (byte[] Bytes, string FileName, string ContentType)[] files)
    {
        var form = new MultipartFormDataContent();
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        foreach (var (bytes, name, type) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "files", name);
        }
        return form;
    }
}

public class AttachingFilesTests(ArsipApp app) : ArsipTest(app)
{
    private async Task<Guid> RegisterAsync(string number, Guid? addressee = null)
    {
        var body = JsonSerializer.SerializeToNode(RegisteringIncomingLettersTests.Letter(number), ArsipApp.Json)!.AsObject();
        if (addressee is not null) body["addresseePositionId"] = addressee.ToString();
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid letter, MultipartFormDataContent form, string user = "registrar") =>
        await (await As(user)).PostAsync($"/api/incoming-letters/{letter}/attachments", form);

    private async Task<IReadOnlyList<JsonElement>> HistoryAsync(Guid letter) =>
        (await (await As("registrar")).GetFromJsonAsync<JsonElement[]>($"/api/letters/{letter}/history", ArsipApp.Json))!;

    private string BlobFolder => Path.Combine(App.DataDirectory, "blobs");

    private void NothingLeftBehind(string sha256)
    {
        File.Exists(Path.Combine(BlobFolder, sha256[..2], sha256[2..4], sha256)).ShouldBeFalse();
        var temp = Path.Combine(BlobFolder, "tmp");
        (Directory.Exists(temp) ? Directory.GetFiles(temp) : []).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_scan_and_an_attachment_are_stored_listed_and_downloaded_byte_identical()
    {
        var letter = await RegisterAsync("ATT/1");
        var scan = Samples.Pdf(300_000);
        var attachment = Samples.Png();

        var first = await UploadAsync(letter, Samples.Form("scan", (scan, "surat.pdf", "application/pdf")));
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var second = await UploadAsync(letter, Samples.Form("attachment", (attachment, "lampiran 1.png", "application/octet-stream")));
        second.StatusCode.ShouldBe(HttpStatusCode.OK, await second.Content.ReadAsStringAsync());

        var view = await (await As("registrar")).GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{letter}", ArsipApp.Json);
        view!.Files.Count.ShouldBe(2);
        view.Files[0].ShouldBe(new LetterFile("surat.pdf", Samples.Sha256(scan), "application/pdf", scan.Length, AttachmentKind.Scan, App.Clock.GetUtcNow()));
        view.Files[1].ShouldBe(new LetterFile("lampiran 1.png", Samples.Sha256(attachment), "image/png", attachment.Length, AttachmentKind.Attachment, App.Clock.GetUtcNow()));

        var download = await (await As("registrar")).GetAsync($"/api/incoming-letters/{letter}/attachments/{Samples.Sha256(scan)}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("surat.pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(scan);
        (await (await As("registrar")).GetByteArrayAsync($"/api/incoming-letters/{letter}/attachments/{Samples.Sha256(attachment)}")).ShouldBe(attachment);

        var history = await HistoryAsync(letter);
        history.Select(h => h.GetProperty("type").GetString()).ShouldBe(["incoming_letter_registered", "incoming_letter_attachment_added", "incoming_letter_attachment_added"]);
        history[1].GetProperty("data").GetProperty("sha256").GetString().ShouldBe(Samples.Sha256(scan));
        history[2].GetProperty("data").GetProperty("sha256").GetString().ShouldBe(Samples.Sha256(attachment));
        history[1].GetProperty("data").GetProperty("addedBy").GetString().ShouldBe("Budi Santoso");
    }

    [Fact]
    public async Task Several_files_in_one_request_are_all_added()
    {
        var letter = await RegisterAsync("ATT/MANY");
        var files = new[] { Samples.Png(), Samples.Jpeg(), Samples.Pdf() };

        var response = await UploadAsync(letter, Samples.Form("attachment",
            (files[0], "a.png", "image/png"), (files[1], "b.jpg", "image/jpeg"), (files[2], "c.pdf", "application/pdf")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var view = await (await As("registrar")).GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{letter}", ArsipApp.Json);
        view!.Files.Select(f => f.Sha256).ShouldBe(files.Select(Samples.Sha256));
        view.Files.Select(f => f.ContentType).ShouldBe(["image/png", "image/jpeg", "application/pdf"]);
    }

    [Fact]
    public async Task The_same_bytes_are_stored_once_and_adding_them_again_to_a_letter_changes_nothing()
    {
        var one = await RegisterAsync("DEDUP/1");
        var two = await RegisterAsync("DEDUP/2");
        var bytes = Samples.Pdf();
        var sha = Samples.Sha256(bytes);

        (await UploadAsync(one, Samples.Form("scan", (bytes, "a.pdf", "application/pdf")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await UploadAsync(one, Samples.Form("scan", (bytes, "a-lagi.pdf", "application/pdf")));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await ReadAsync<AddAttachmentsResponse>(again);
        result.Added.ShouldBeEmpty();
        result.AlreadyThere.Single().Sha256.ShouldBe(sha);
        (await HistoryAsync(one)).Count.ShouldBe(2);

        (await UploadAsync(two, Samples.Form("attachment", (bytes, "b.pdf", "application/pdf")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HistoryAsync(two)).Count.ShouldBe(2);
        Directory.GetFiles(BlobFolder, sha, SearchOption.AllDirectories).Length.ShouldBe(1);
        Directory.GetFiles(Path.Combine(BlobFolder, "tmp")).ShouldBeEmpty();
    }

    public static TheoryData<string, byte[], string, string, HttpStatusCode> Refusals() => new()
    {
        { "empty", [], "kosong.pdf", "application/pdf", HttpStatusCode.BadRequest },
        { "truncated pdf", Samples.Pdf()[..^10], "potong.pdf", "application/pdf", HttpStatusCode.BadRequest },
        { "truncated png", Samples.Png()[..^4], "potong.png", "image/png", HttpStatusCode.BadRequest },
        { "png named pdf", Samples.Png(), "scan.pdf", "application/octet-stream", HttpStatusCode.UnsupportedMediaType },
        { "png declared pdf", Samples.Png(), "scan", "application/pdf", HttpStatusCode.UnsupportedMediaType },
        { "unknown type", Encoding.UTF8.GetBytes("<html>bukan surat</html>"), "surat.html", "text/html", HttpStatusCode.UnsupportedMediaType },
        { "zip", [0x50, 0x4B, 0x03, 0x04, .. Samples.Noise(100)], "arsip.zip", "application/zip", HttpStatusCode.UnsupportedMediaType },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refused_files_leave_no_blob_and_no_event(string why, byte[] bytes, string fileName, string contentType, HttpStatusCode expected)
    {
        var letter = await RegisterAsync($"REFUSE/{why}");

        var response = await UploadAsync(letter, Samples.Form("scan", (bytes, fileName, contentType)));

        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        NothingLeftBehind(Samples.Sha256(bytes));
        (await HistoryAsync(letter)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task One_bad_file_refuses_the_whole_request()
    {
        var letter = await RegisterAsync("REFUSE/MIXED");
        var good = Samples.Pdf();

        var response = await UploadAsync(letter, Samples.Form("attachment", (good, "baik.pdf", "application/pdf"), (Samples.Pdf()[..^8], "rusak.pdf", "application/pdf")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        NothingLeftBehind(Samples.Sha256(good));
        (await HistoryAsync(letter)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_missing_kind_or_file_is_400()
    {
        var letter = await RegisterAsync("REFUSE/FORM");
        var pdf = Samples.Pdf();
        (await UploadAsync(letter, Samples.Form(null, (pdf, "a.pdf", "application/pdf")))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UploadAsync(letter, Samples.Form("sampul", (pdf, "a.pdf", "application/pdf")))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UploadAsync(letter, Samples.Form("scan"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("registrar")).PostAsJsonAsync($"/api/incoming-letters/{letter}/attachments", new { kind = "scan" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        NothingLeftBehind(Samples.Sha256(pdf));
        (await HistoryAsync(letter)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Only_callers_who_see_the_letter_can_download_and_only_registrars_upload()
    {
        var chart = await (await As("admin")).GetFromJsonAsync<Arsip.Organization.OrganizationChart>("/api/organization", ArsipApp.Json);
        var kabagOr = chart!.Positions.Single(p => p.Title == "Kepala Bagian Organisasi").Id;
        var letter = await RegisterAsync("ACCESS/1", kabagOr);
        var bytes = Samples.Pdf();
        (await UploadAsync(letter, Samples.Form("scan", (bytes, "a.pdf", "application/pdf")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var url = $"/api/incoming-letters/{letter}/attachments/{Samples.Sha256(bytes)}";

        (await (await As("analis")).GetByteArrayAsync(url)).ShouldBe(bytes);
        (await (await As("kadinkes")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("registrar", "kab-bekasi")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await UploadAsync(letter, Samples.Form("attachment", (Samples.Png(), "b.png", "image/png")), "kadinkes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Bytes stored for one letter are not reachable through another.
        var other = await RegisterAsync("ACCESS/2");
        (await (await As("registrar")).GetAsync($"/api/incoming-letters/{other}/attachments/{Samples.Sha256(bytes)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("registrar")).GetAsync($"/api/incoming-letters/{letter}/attachments/..%2F..%2Fetc")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>A host with a 4 KB attachment limit.</summary>
public sealed class SmallLimitApp : ArsipApp
{
    public const long Limit = 4096;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:Attachments:MaxBytes", Limit.ToString());
    }
}

public class AttachmentLimitTests(SmallLimitApp app) : IClassFixture<SmallLimitApp>
{
    [Fact]
    public async Task A_file_over_the_configured_limit_is_413_and_leaves_nothing_behind()
    {
        await app.ResetAsync();
        var http = await app.SignInAsync("registrar");
        var created = await http.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("BIG/1"));
        var letter = (await created.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
        var big = Samples.Pdf((int)SmallLimitApp.Limit);

        var response = await http.PostAsync($"/api/incoming-letters/{letter}/attachments", Samples.Form("scan", (big, "besar.pdf", "application/pdf")));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var blobs = Path.Combine(app.DataDirectory, "blobs");
        (Directory.Exists(blobs) ? Directory.GetFiles(blobs, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
        await using var session = app.Store.QuerySession("kota-bekasi");
        (await session.Events.FetchStreamAsync(letter)).Count.ShouldBe(1);

        var fits = Samples.Pdf((int)SmallLimitApp.Limit - 100);
        (await http.PostAsync($"/api/incoming-letters/{letter}/attachments", Samples.Form("scan", (fits, "pas.pdf", "application/pdf")))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
