using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.Documents;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.Pdf;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Arsip.IntegrationTests.Documents;

public class DocumentsTests(ArsipApp app) : ArsipTest(app)
{
    private OrganizationChart _chart = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
    }

    private Guid Position(string title) => _chart.Positions.Single(p => p.Title == title).Id;

    private object Draft(string subject, string securityLevel = "Biasa") => new
    {
        kind = "SuratDinas", classification = "000.5", securityLevel, urgency = "Segera", subject,
        body = "Dalam rangka penataan kearsipan, dengan hormat kami mengundang Saudara untuk hadir pada rapat koordinasi.\n\nDemikian kami sampaikan.",
        attachments = "1 lembar",
        addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
        copyTo = Array.Empty<object>(),
        reviewers = new[] { Position("Kepala Bagian Organisasi") },
        signatoryPositionId = Position("Sekretaris Daerah"),
    };

    private async Task<Guid> DraftAsync(string subject, string securityLevel = "Biasa")
    {
        var response = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", Draft(subject, securityLevel));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
    }

    /// <summary>Drafted by the analyst, initialed by the head of Organisasi, signed by the Sekda.</summary>
    private async Task<(Guid Id, string Number)> SignedAsync(string subject, string securityLevel = "Biasa")
    {
        var id = await DraftAsync(subject, securityLevel);
        (await (await As("analis")).PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        (await (await As("kabag.or")).PostAsJsonAsync($"/api/outgoing-letters/{id}/initial", new { })).EnsureSuccessStatusCode();
        var signed = await (await As("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        return (id, (await ReadAsync<SignOutgoingLetterResponse>(signed)).LetterNumber);
    }

    private async Task<OutgoingLetterView> ViewAsync(Guid id) =>
        (await (await As("analis")).GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Page text keeps the diagonal DRAF mark; the words keep the spacing of ordinary lines.
        return string.Join("\n", document.GetPages().Select(p => p.Text + "\n" + string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    /// <summary>Writes a document to bin/.../TestResults/documents/ to look at (pdftoppm -r 60 -png).</summary>
    private static void Keep(string name, byte[] pdf)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "documents");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), pdf);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Signing_issues_the_PDF_once_stores_it_and_records_its_hash_and_verification_code()
    {
        var (id, number) = await SignedAsync("Undangan Rapat Koordinasi Penataan Kearsipan");

        var view = await ViewAsync(id);
        view.IssuedPdfSha256.ShouldNotBeNull();
        view.VerificationCode!.Length.ShouldBe(VerificationCodes.Length);
        await using (var session = App.Store.QuerySession("kota-bekasi"))
        {
            var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
            var signedAt = events.FindIndex(e => e is OutgoingLetterSigned);
            var issued = events[signedAt + 1].ShouldBeOfType<OutgoingLetterIssued>();
            issued.Sha256.ShouldBe(view.IssuedPdfSha256);
            issued.VerificationCode.ShouldBe(view.VerificationCode);
        }

        var analis = await As("analis");
        var first = await analis.GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");
        App.Clock.Advance(TimeSpan.FromHours(3));
        var second = await analis.GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");
        second.ShouldBe(first);
        Sha256(first).ShouldBe(view.IssuedPdfSha256);
        first.LongLength.ShouldBe(view.IssuedPdfLength!.Value);

        Keep("issued-letter.pdf", first);
        var text = Text(first);
        text.ShouldContain(number);
        text.ShouldContain("Reny Hendrawaty");
        text.ShouldContain("NIP 196805121990032004");
        text.ShouldNotContain("NIP NIP");
        text.ShouldContain("Undangan Rapat Koordinasi Penataan Kearsipan");
        text.ShouldContain("PEMERINTAH KOTA BEKASI");
        text.ShouldNotContain("DRAF");

        // The QR code carries the verification URL: the same model with that URL renders the very same bytes.
        await using (var session = App.Store.QuerySession("kota-bekasi"))
        {
            var signatory = await session.LoadAsync<Arsip.Organization.Position>(view.SignatoryPositionId);
            // The signing unit's letterhead, as the letter's number.
            var letterhead = await App.Services.GetRequiredService<ILetterheads>().ForAsync(session, "kota-bekasi", signatory!.UnitId, CancellationToken.None);
            var model = LetterModels.For("kota-bekasi", letterhead, view.Content, signatory,
                await session.Query<Person>().SingleAsync(p => p.UserName == "sekda"),
                number, view.LetterDate!.Value, view.SignedAt!.Value, $"http://localhost/v/{view.VerificationCode}", isDraft: false);
            LetterPdf.Render(model).ShouldBe(first);
        }

        (await (await As("sekda", "kab-bekasi")).GetAsync($"/api/outgoing-letters/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound); // another agency
        (await (await As("kadinkes")).GetAsync($"/api/outgoing-letters/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);   // not on the letter

        var verified = await Anonymous.GetFromJsonAsync<VerifiedLetter>($"/api/verify/{view.VerificationCode.ToUpperInvariant()}", ArsipApp.Json);
        verified!.LetterNumber.ShouldBe(number);
        verified.Signatory.ShouldBe("Reny Hendrawaty");
        verified.SignatoryPosition.ShouldBe("Sekretaris Daerah");
        verified.Subject.ShouldBe("Undangan Rapat Koordinasi Penataan Kearsipan");
        verified.Sha256.ShouldBe(view.IssuedPdfSha256);
        verified.AgencyName.ShouldBe("Pemerintah Kota Bekasi");
    }

    [Fact]
    public async Task The_public_page_shows_a_secret_letter_without_its_subject_and_checks_uploads_byte_for_byte()
    {
        var (id, number) = await SignedAsync("Penanganan Kasus Pegawai Berinisial X", "Rahasia");
        var view = await ViewAsync(id);
        var pdf = await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");
        Keep("issued-secret-letter.pdf", pdf);
        Text(pdf).ShouldContain("RAHASIA");

        var page = await Anonymous.GetAsync($"/v/{view.VerificationCode}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain(number);
        html.ShouldContain("Reny Hendrawaty");
        html.ShouldContain("Sekretaris Daerah");
        html.ShouldContain("(dirahasiakan)");
        html.ShouldNotContain("Berinisial");
        html.ShouldContain(view.IssuedPdfSha256!);
        html.ShouldContain("lang=\"id\"");

        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeEmpty();

        var genuine = await UploadAsync(view.VerificationCode!, pdf, token);
        genuine.StatusCode.ShouldBe(HttpStatusCode.OK);
        var genuineHtml = await genuine.Content.ReadAsStringAsync();
        genuineHtml.ShouldContain("COCOK — dokumen asli");
        genuineHtml.ShouldNotContain("TIDAK COCOK");

        var altered = pdf.ToArray();
        altered[altered.Length / 2] ^= 0x20;
        var forged = await (await UploadAsync(view.VerificationCode!, altered, token)).Content.ReadAsStringAsync();
        forged.ShouldContain("TIDAK COCOK");
        forged.ShouldContain(Sha256(altered));

        (await UploadAsync(view.VerificationCode!, pdf, token: null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var json = await Anonymous.GetFromJsonAsync<VerifiedLetter>($"/api/verify/{view.VerificationCode}", ArsipApp.Json);
        json!.Subject.ShouldBe("(dirahasiakan)");
        json.SubjectWithheld.ShouldBeTrue();
    }

    private async Task<HttpResponseMessage> UploadAsync(string code, byte[] pdf, string? token)
    {
        using var form = new MultipartFormDataContent();
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, VerifyLetterEndpoints.FileField, "surat.pdf");
        return await Anonymous.PostAsync($"/v/{code}", form);
    }

    [Fact]
    public async Task Unknown_or_malformed_codes_are_404()
    {
        var unknown = await Anonymous.GetAsync($"/v/{VerificationCodes.New()}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Kode verifikasi tidak dikenal");
        (await Anonymous.GetAsync("/v/abc")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous.GetAsync($"/api/verify/{VerificationCodes.New()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_previews_with_the_DRAF_mark_and_nothing_is_stored_strangers_get_404()
    {
        var id = await DraftAsync("Rancangan Surat Edaran Jam Kerja");
        var response = await (await As("analis")).GetAsync($"/api/outgoing-letters/{id}/pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var preview = await response.Content.ReadAsByteArrayAsync();
        Keep("draft-preview.pdf", preview);
        var text = Text(preview);
        text.ShouldContain("DRAF");
        text.ShouldContain("Rancangan Surat Edaran Jam Kerja");
        (await ViewAsync(id)).IssuedPdfSha256.ShouldBeNull();

        (await (await As("kadinkes")).GetAsync($"/api/outgoing-letters/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("analis")).GetAsync($"/api/outgoing-letters/{Guid.NewGuid()}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous.GetAsync($"/api/outgoing-letters/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_routing_slip_prints_the_letter_for_those_who_may_see_it()
    {
        var registered = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", new
        {
            sender = "Dinas Pendidikan Provinsi Jawa Barat", senderLetterNumber = "421/5512/Disdik", letterDate = "2026-11-20", receivedOn = "2026-11-23",
            subject = "Permohonan Data Sekolah Rusak", classification = "400.3", securityLevel = "Biasa", urgency = "Segera",
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var id = (await ReadAsync<RegisterIncomingLetterResponse>(registered)).Id;

        var slip = await (await As("registrar")).GetAsync($"/api/incoming-letters/{id}/routing-slip.pdf");
        slip.StatusCode.ShouldBe(HttpStatusCode.OK);
        var slipPdf = await slip.Content.ReadAsByteArrayAsync();
        Keep("routing-slip.pdf", slipPdf);
        var text = Text(slipPdf);
        text.ShouldContain("421/5512/Disdik");
        text.ShouldContain("Permohonan Data Sekolah Rusak");
        text.ShouldContain("Dinas Pendidikan Provinsi Jawa Barat");

        (await (await As("kadinkes")).GetAsync($"/api/incoming-letters/{id}/routing-slip.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("registrar")).GetAsync($"/api/incoming-letters/{Guid.NewGuid()}/routing-slip.pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Agenda_books_list_only_the_letters_the_caller_may_see()
    {
        var registrar = await As("registrar");
        foreach (var (number, subject, level) in new[] { ("AB/1", "Laporan Kegiatan Posyandu", "Biasa"), ("AB/2", "Hasil Pemeriksaan Khusus Bendahara", "Rahasia") })
            (await registrar.PostAsJsonAsync("/api/incoming-letters", new
            {
                sender = "Kecamatan Bekasi Timur", senderLetterNumber = number, letterDate = "2026-11-20", receivedOn = "2026-11-24",
                subject, classification = "400.7", securityLevel = level, urgency = "Biasa",
            })).EnsureSuccessStatusCode();

        var auditor = await As("auditor");
        var csv = await auditor.GetAsync("/api/agenda-books/incoming.csv?year=2026");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("No. agenda,Tanggal terima,Pengirim");
        lines.ShouldContain(l => l.Contains("Laporan Kegiatan Posyandu"));
        lines.ShouldNotContain(l => l.Contains("Pemeriksaan Khusus"));

        var bookPdf = await auditor.GetByteArrayAsync("/api/agenda-books/incoming.pdf?from=2026-11-01&to=2026-11-30");
        Keep("incoming-agenda-book.pdf", bookPdf);
        var auditorPdf = Text(bookPdf);
        auditorPdf.ShouldContain("BUKU AGENDA SURAT MASUK");
        auditorPdf.ShouldContain("Posyandu");
        auditorPdf.ShouldNotContain("Pemeriksaan Khusus");

        // The registrar who entered the secret letter may see it, so it is in their book.
        (await registrar.GetStringAsync("/api/agenda-books/incoming.csv")).ShouldContain("Pemeriksaan Khusus");
        (await registrar.GetStringAsync("/api/agenda-books/incoming.csv?from=2026-11-25")).ShouldNotContain("Posyandu");

        var (_, openNumber) = await SignedAsync("Pemberitahuan Libur Nasional");
        var (_, secretNumber) = await SignedAsync("Mutasi Pejabat Eselon III", "Rahasia");
        var outgoing = await auditor.GetStringAsync("/api/agenda-books/outgoing.csv?year=2026");
        outgoing.ShouldStartWith("No.,Nomor surat,Tanggal surat"); // the BOM is read as the encoding
        outgoing.ShouldContain(openNumber);
        outgoing.ShouldNotContain(secretNumber);
        outgoing.ShouldNotContain("Mutasi Pejabat");
        Text(await auditor.GetByteArrayAsync("/api/agenda-books/outgoing.pdf")).ShouldContain("Pemberitahuan Libur Nasional");

        (await (await As("analis")).GetAsync("/api/agenda-books/incoming.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.GetAsync("/api/agenda-books/incoming.csv?from=2026-12-01&to=2026-11-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await auditor.GetAsync("/api/agenda-books/incoming.csv?from=kemarin")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
