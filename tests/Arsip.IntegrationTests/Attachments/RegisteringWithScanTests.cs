using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Attachments;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Marten;

namespace Arsip.IntegrationTests.Attachments;

public class RegisteringWithScanTests(ArsipApp app) : ArsipTest(app)
{
    private static MultipartFormDataContent Form(object? letter, byte[]? scan, string fileName = "surat.pdf", string type = "application/pdf")
    {
        var form = new MultipartFormDataContent();
        if (letter is not null) form.Add(new StringContent(JsonSerializer.Serialize(letter, ArsipApp.Json), System.Text.Encoding.UTF8, "application/json"), "letter");
        if (scan is not null)
        {
            var part = new ByteArrayContent(scan);
            part.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(part, "scan", fileName);
        }
        return form;
    }

    private async Task<int> CountAsync(string number)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return await session.Query<IncomingLetterView>().CountAsync(l => l.SenderLetterNumber == number);
    }

    [Fact]
    public async Task Registers_the_letter_and_its_scan_in_one_request()
    {
        var http = await As("registrar");
        var scan = Samples.Pdf();

        var response = await http.PostAsync("/api/incoming-letters/with-scan", Form(RegisteringIncomingLettersTests.Letter("SCAN/1"), scan));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await ReadAsync<RegisterIncomingLetterWithScanResponse>(response);
        created.Scan.Sha256.ShouldBe(Samples.Sha256(scan));
        var view = await http.GetFromJsonAsync<IncomingLetterView>(response.Headers.Location, ArsipApp.Json);
        view!.AgendaNumber.ShouldBe(created.AgendaNumber);
        view.Files.Single().ShouldBe(created.Scan);
        (await http.GetByteArrayAsync($"/api/incoming-letters/{created.Id}/attachments/{created.Scan.Sha256}")).ShouldBe(scan);
        var history = await http.GetFromJsonAsync<JsonElement[]>($"/api/letters/{created.Id}/history", ArsipApp.Json);
        history!.Select(h => h.GetProperty("type").GetString()).ShouldBe(["incoming_letter_registered", "incoming_letter_attachment_added"]);
    }

    [Fact]
    public async Task A_bad_scan_or_a_bad_letter_records_neither()
    {
        var http = await As("registrar");
        var truncated = Samples.Pdf()[..^8];
        (await http.PostAsync("/api/incoming-letters/with-scan", Form(RegisteringIncomingLettersTests.Letter("SCAN/BAD"), truncated))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountAsync("SCAN/BAD")).ShouldBe(0);

        var scan = Samples.Pdf();
        var invalid = await http.PostAsync("/api/incoming-letters/with-scan", Form(RegisteringIncomingLettersTests.Letter("SCAN/BAD", sender: ""), scan));
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("sender");
        (await http.PostAsync("/api/incoming-letters/with-scan", Form(null, scan))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.PostAsync("/api/incoming-letters/with-scan", Form(RegisteringIncomingLettersTests.Letter("SCAN/BAD"), null))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountAsync("SCAN/BAD")).ShouldBe(0);
        var blobs = Path.Combine(App.DataDirectory, "blobs");
        if (!Directory.Exists(blobs)) return;
        Directory.GetFiles(blobs, Samples.Sha256(scan), SearchOption.AllDirectories).ShouldBeEmpty();
        Directory.GetFiles(blobs, "*.part", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
