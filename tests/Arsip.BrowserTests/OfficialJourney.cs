using System.Text;
using System.Text.Json;

namespace Arsip.BrowserTests;

/// <summary>
/// The official's journey: the registrar registers a letter with its scan; the Sekretaris Daerah opens it from the
/// dashboard, sees the scan inline and disposes it to two Kepala Bagian; one of them opens it from the inbox (the read
/// is recorded), reports a follow-up with a file and completes it; the Sekda sees the tree change and finds the letter
/// by a phrase; the auditor verifies its history. Each step leaves a screenshot under TestResults/screenshots.
/// </summary>
public sealed class OfficialJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private const string Subject = "Permohonan koordinasi penanganan banjir di Kelurahan Aren Jaya";

    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_letter_with_a_scan_is_disposed_worked_and_verified()
    {
        // The registrar registers the letter together with its scan on the registration page (the upload shows its
        // progress), then sees it with the scan shown inline.
        var registrar = await app.NewPageAsync();
        await registrar.SignInAsync("registrar", ArsipApp.DemoPassword);
        await registrar.WaitForPageAsync(new Regex("/$"));
        await registrar.GotoAsync("/surat-masuk/baru");
        await registrar.ShouldHaveLabelledInputsAsync();
        await registrar.FillAsync("#sender", "Badan Penanggulangan Bencana Daerah Provinsi Jawa Barat");
        await registrar.FillAsync("#senderLetterNumber", "360/2211/BPBD/2026");
        await registrar.FillAsync("#letterDate", "2026-11-23");
        await registrar.FillAsync("#receivedOn", "2026-11-24");
        await registrar.FillAsync("#subject", Subject);
        await registrar.FillAsync("#classification", "300");
        await registrar.SelectOptionAsync("#urgency", "Segera");
        await registrar.SelectOptionAsync("#addresseePositionId", new SelectOptionValue { Label = "Sekretaris Daerah" });
        // A file that is not a scan is refused at the field and nothing is registered.
        await registrar.SetInputFilesAsync("#scan", new FilePayload { Name = "catatan.pdf", MimeType = "application/pdf", Buffer = "bukan pdf"u8.ToArray() });
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        (await registrar.Locator("#scan-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        (await registrar.Locator("#sender").InputValueAsync()).ShouldBe("Badan Penanggulangan Bencana Daerah Provinsi Jawa Barat");
        await registrar.SetInputFilesAsync("#scan", new FilePayload { Name = "surat-bpbd.pdf", MimeType = "application/pdf", Buffer = Pdf("SURAT BPBD 360/2211/BPBD/2026") });
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-masuk/[0-9a-f-]{36}$"));
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("beserta pindaiannya");
        var letterId = Guid.Parse(new Uri(registrar.Url).AbsolutePath.Split('/').Last());
        var letterUrl = $"/surat-masuk/{letterId}";
        await registrar.GotoAsync(letterUrl);
        (await registrar.Locator("iframe.scan").CountAsync()).ShouldBe(1);
        (await registrar.Locator("#disposisi form").CountAsync()).ShouldBe(0, "only the addressee disposes");
        await app.ScreenshotAsync(registrar, "20-registrasi-dengan-pindaian");

        // The Sekda's dashboard counts the letter as awaiting disposition and links to the list.
        var sekda = await app.NewPageAsync();
        await sekda.SignInAsync("sekda", ArsipApp.DemoPassword);
        await sekda.WaitForPageAsync(new Regex("/$"));
        (await sekda.Locator("[data-testid=count-menunggu]").InnerTextAsync()).ShouldBe("1");
        (await sekda.Locator("[data-testid=count-belum-dibaca]").InnerTextAsync()).ShouldBe("0");
        await app.ScreenshotAsync(sekda, "21-beranda-pejabat");
        await sekda.ClickAsync("a[href='/disposisi?status=menunggu']");
        await sekda.ShouldHaveLabelledInputsAsync();
        await sekda.ClickAsync($"table.list a:has-text('{Subject}')");
        await sekda.WaitForPageAsync("**" + letterUrl);
        await sekda.ShouldHaveLabelledInputsAsync();

        // The scan is shown inline (a frame of the file served inline), with a download link beside it; the routing slip is a PDF.
        var frame = sekda.Locator("iframe.scan");
        var inline = await sekda.Context.APIRequest.GetAsync((await frame.GetAttributeAsync("src"))!);
        inline.Status.ShouldBe(200);
        inline.Headers["content-type"].ShouldStartWith("application/pdf");
        inline.Headers["content-disposition"].ShouldStartWith("inline");
        Encoding.ASCII.GetString((await inline.BodyAsync())[..5]).ShouldBe("%PDF-");
        (await sekda.Locator("figure.file figcaption a").GetAttributeAsync("href")).ShouldStartWith($"/api/incoming-letters/{letterId}/attachments/");
        var slip = await sekda.Context.APIRequest.GetAsync((await sekda.Locator("a:has-text('Lembar disposisi')").GetAttributeAsync("href"))!);
        slip.Headers["content-type"].ShouldStartWith("application/pdf");
        await app.ScreenshotAsync(sekda, "22-surat-dengan-pindaian");

        // Dispose to two Kepala Bagian; forgetting the instructions is pointed out at the field, the choices are kept.
        var umum = sekda.GetByLabel("Kepala Bagian Umum");
        await umum.CheckAsync();
        await sekda.GetByLabel("Kepala Bagian Hukum").CheckAsync();
        await sekda.CheckAsync($"#lead-{await umum.GetAttributeAsync("value")}");
        await sekda.FillAsync("#note", "Koordinasikan dengan BPBD dan laporkan langkah yang diambil.");
        await sekda.FillAsync("#deadline", "2026-11-27");
        await sekda.ClickAsync("button:has-text('Kirim disposisi')");
        (await sekda.Locator("#instructions-error").InnerTextAsync()).ShouldContain("wajib");
        (await sekda.GetByLabel("Kepala Bagian Hukum").IsCheckedAsync()).ShouldBeTrue("the form keeps the chosen recipients");
        await sekda.ShouldHaveLabelledInputsAsync();
        await app.ScreenshotAsync(sekda, "23-disposisi-tanpa-isi");
        await sekda.CheckAsync("#i-TINDAK_LANJUTI");
        await sekda.CheckAsync("#i-KOORDINASIKAN");
        await sekda.ClickAsync("button:has-text('Kirim disposisi')");
        await sekda.WaitForPageAsync(new Regex($"{letterUrl}#disposisi$"));
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain("Disposisi terkirim, batas waktu 27-11-2026 23:59 WIB");
        var tree = sekda.Locator("ol.tree");
        (await tree.Locator("li[data-recipient]").CountAsync()).ShouldBe(2);
        (await tree.Locator("li[data-recipient^='Kepala Bagian Umum']").InnerTextAsync()).ShouldContain("Belum dibaca");
        (await tree.InnerTextAsync()).ShouldContain("Selesaikan / Tindak lanjuti, Koordinasikan");
        await app.ScreenshotAsync(sekda, "24-disposisi-terkirim");

        // The Kepala Bagian Umum sees the unread badge, opens the disposition from the inbox: the read is recorded.
        var kabag = await app.NewPageAsync();
        await kabag.SignInAsync("kabag.umum", ArsipApp.DemoPassword);
        await kabag.WaitForPageAsync(new Regex("/$"));
        (await kabag.Locator("[data-testid=unread-badge]").InnerTextAsync()).ShouldContain("1");
        await kabag.ClickAsync("[data-testid=inbox-link]");
        await kabag.WaitForPageAsync("**/disposisi");
        await kabag.ShouldHaveLabelledInputsAsync();
        var row = kabag.Locator("table.inbox tbody tr").First;
        (await row.GetAttributeAsync("class"))!.ShouldContain("unread");
        (await row.InnerTextAsync()).ShouldContain("27-11-2026 23:59 WIB");
        await app.ScreenshotAsync(kabag, "25-kotak-masuk");
        await row.Locator("a").ClickAsync();
        await kabag.WaitForPageAsync(new Regex("/disposisi/[0-9a-f-]{36}$"));
        var dispositionUrl = new Uri(kabag.Url).AbsolutePath;
        await kabag.ShouldHaveLabelledInputsAsync();
        (await kabag.Locator("[data-testid=reads]").InnerTextAsync()).ShouldContain("Agus Salim");
        (await kabag.Locator("[data-testid=instructions]").InnerTextAsync()).ShouldBe("Selesaikan / Tindak lanjuti, Koordinasikan");
        (await kabag.Locator("[data-testid=deadline]").InnerTextAsync()).ShouldContain("27-11-2026");
        (await kabag.Locator("[data-testid=unread-badge]").CountAsync()).ShouldBe(0, "nothing unread once opened");

        // A follow-up with a file, then done.
        await kabag.FillAsync("#text", "Rapat koordinasi dengan BPBD dan Kecamatan Bekasi Timur sudah dilaksanakan; notulen terlampir.");
        await kabag.SetInputFilesAsync("#files", new FilePayload { Name = "notulen-rapat.pdf", MimeType = "application/pdf", Buffer = Pdf("NOTULEN RAPAT KOORDINASI") });
        await kabag.ClickAsync("button:has-text('Kirim laporan')");
        await kabag.WaitForPageAsync("**" + dispositionUrl);
        (await kabag.Locator("[role=status]").InnerTextAsync()).ShouldContain("Tindak lanjut tercatat");
        var followUps = kabag.Locator("[data-testid=followups]");
        (await followUps.InnerTextAsync()).ShouldContain("notulen terlampir");
        var file = await kabag.Context.APIRequest.GetAsync((await followUps.Locator("a:has-text('notulen-rapat.pdf')").GetAttributeAsync("href"))!);
        file.Status.ShouldBe(200);
        await kabag.FillAsync("#completeNote", "Selesai; tindak lanjut lapangan oleh kecamatan.");
        await kabag.ClickAsync("button:has-text('Selesai')");
        await kabag.WaitForPageAsync("**" + dispositionUrl);
        (await kabag.Locator("tr[data-recipient='Kepala Bagian Umum']").InnerTextAsync()).ShouldContain("Selesai");
        (await kabag.Locator("#text").CountAsync()).ShouldBe(0, "no follow-up form once done");
        await app.ScreenshotAsync(kabag, "26-tindak-lanjut-selesai");

        // The inbox on a phone: rows become cards.
        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("kabag.umum", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/disposisi?status=semua");
        (await phone.Locator("table.inbox thead").IsVisibleAsync()).ShouldBeFalse();
        (await phone.Locator("table.inbox tbody td").First.EvaluateAsync<string>("td => getComputedStyle(td).display")).ShouldBe("block", "each row is a card");
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing scrolls sideways");
        await app.ScreenshotAsync(phone, "27-kotak-masuk-ponsel");

        // The Sekda sees the tree change: the lead is done with a follow-up, the other recipient has not opened it.
        await sekda.GotoAsync(letterUrl);
        (await tree.Locator("li[data-recipient^='Kepala Bagian Umum']").InnerTextAsync()).ShouldContain("Selesai");
        (await tree.Locator("li[data-recipient^='Kepala Bagian Hukum']").InnerTextAsync()).ShouldContain("Belum dibaca");
        (await tree.InnerTextAsync()).ShouldContain("Rapat koordinasi dengan BPBD");
        (await sekda.Locator("[data-testid=tree-state]").InnerTextAsync()).ShouldStartWith("Disposisi tuntas", Case.Sensitive, "the lead is done");
        await app.ScreenshotAsync(sekda, "28-pohon-disposisi");

        // The lead is done, so the Sekda closes the slip.
        await tree.Locator("li.node > .node-head a").First.ClickAsync();
        await sekda.WaitForPageAsync("**" + dispositionUrl);
        await sekda.ShouldHaveLabelledInputsAsync();
        (await sekda.Locator("[data-testid=reads]").InnerTextAsync()).ShouldNotContain("Reny", Case.Sensitive, "the issuer opening it is not a read");
        await sekda.ClickAsync("button:has-text('Tutup disposisi')");
        await sekda.WaitForPageAsync("**" + dispositionUrl);
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain("ditutup");
        (await sekda.Locator("dl.fields").InnerTextAsync()).ShouldContain("Ditutup");

        // The Sekda finds the letter by a phrase once the index has caught up.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await sekda.GotoAsync("/cari?q=" + Uri.EscapeDataString("\"penanganan banjir\""));
            if (await sekda.Locator("ol.hits li").CountAsync() == 1) break;
            await Task.Delay(250);
        } while (DateTime.UtcNow < deadline);
        (await sekda.Locator("ol.hits a.hit-title").GetAttributeAsync("href")).ShouldBe(letterUrl);
        await app.ScreenshotAsync(sekda, "29-cari-pejabat");

        // The auditor opens its history (registration, scan, disposition) and verifies it.
        var auditor = await app.NewPageAsync();
        await auditor.SignInAsync("auditor", ArsipApp.DemoPassword);
        await auditor.WaitForPageAsync(new Regex("/$"));
        await auditor.GotoAsync($"/surat/{letterId}/riwayat");
        (await auditor.Locator("ol.timeline li").CountAsync()).ShouldBeGreaterThanOrEqualTo(3);
        await auditor.ClickAsync("button:has-text('Verifikasi')");
        (await auditor.Locator("[data-testid=verify-result]").InnerTextAsync()).ShouldContain("Verifikasi berhasil");
        await app.ScreenshotAsync(auditor, "30-riwayat-verifikasi");
    }

    /// <summary>A small valid one-page PDF (as a scanner's would start and end: %PDF- ... %%EOF).</summary>
    internal static byte[] Pdf(string text)
    {
        var content = $"BT /F1 18 Tf 72 760 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
