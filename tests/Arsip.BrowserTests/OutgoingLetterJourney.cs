using System.Security.Cryptography;
using System.Diagnostics;
using Xunit.Abstractions;
using UglyToad.PdfPig;

namespace Arsip.BrowserTests;

/// <summary>
/// An outgoing letter through the web app: the registrar drafts it (one mistake flagged at its field), the
/// Kepala Bagian Umum gives paraf, the Sekretaris Daerah signs (the number appears), the registrar dispatches it;
/// the issued PDF is downloaded and read, and the public /v/{code} page verifies it (and refuses a changed copy).
/// Screenshots of each step under TestResults/screenshots.
/// </summary>
public sealed class OutgoingLetterJourney(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(string user)
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(user, ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        return page;
    }

    private static async Task<string> NextActionAsync(IPage page) => await page.Locator("[data-testid=next-action]").InnerTextAsync();

    [Fact]
    public async Task Drafted_initialed_signed_dispatched_and_its_PDF_verified_on_the_public_page()
    {
        // Draft: a malformed classification is flagged at its field; the form keeps what was typed.
        var registrar = await SignedInAsync("registrar");
        await registrar.GotoAsync("/surat-keluar");
        await registrar.ClickAsync("text=Konsep baru");
        await registrar.WaitForPageAsync("**/surat-keluar/baru");
        await registrar.ShouldHaveLabelledInputsAsync();
        await registrar.SelectOptionAsync("#kind", "SuratDinas");
        await registrar.FillAsync("#classification", "000-5");
        await registrar.SelectOptionAsync("#urgency", "Segera");
        await registrar.GetByRole(AriaRole.Checkbox, new() { Name = "Kepala Dinas Kesehatan", Exact = true }).First.CheckAsync();
        await registrar.CheckAsync("#to-agency-kab-bekasi");
        await registrar.FillAsync("#to-agency-name-kab-bekasi", "Sekretaris Daerah");
        await registrar.FillAsync("#toOthers", "Kepala Arsip Nasional Republik Indonesia | Jl. Ampera Raya No. 7, Jakarta");
        await registrar.FillAsync("#copyOthers", "Gubernur Jawa Barat");
        await registrar.FillAsync("#subject", "Undangan rapat koordinasi penataan kearsipan");
        await registrar.FillAsync("#body", "Dalam rangka penataan kearsipan, dengan hormat kami mengundang Saudara pada rapat koordinasi.\n\nAtas perhatian Saudara kami ucapkan terima kasih.");
        await registrar.FillAsync("#attachments", "1 (satu) berkas");
        await registrar.SelectOptionAsync("#reviewer-1", new SelectOptionValue { Label = "Kepala Bagian Umum" });
        await registrar.SelectOptionAsync("#signatoryPositionId", new SelectOptionValue { Label = "Sekretaris Daerah" });
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        (await registrar.Locator("#classification-error").InnerTextAsync()).ShouldContain("angka bertitik");
        (await registrar.Locator("#classification").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await registrar.Locator("#subject").InputValueAsync()).ShouldBe("Undangan rapat koordinasi penataan kearsipan");
        (await registrar.Locator("#to-agency-kab-bekasi").IsCheckedAsync()).ShouldBeTrue("the form keeps the addressees");
        await app.ScreenshotAsync(registrar, "20-konsep-salah-klasifikasi");

        await registrar.FillAsync("#classification", "000.5");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-keluar/[0-9a-f-]{36}$"));
        var letterPath = new Uri(registrar.Url).AbsolutePath;
        await registrar.ShouldHaveLabelledInputsAsync();
        (await registrar.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("Konsep");
        (await NextActionAsync(registrar)).ShouldContain("mengajukannya untuk paraf");

        // The draft's preview is a PDF marked DRAF, without a number, and viewing it records nothing.
        var preview = await registrar.APIRequest.GetAsync(letterPath + "?handler=Pdf");
        preview.Status.ShouldBe(200);
        preview.Headers["content-type"].ShouldStartWith("application/pdf");
        var previewText = PdfText(await preview.BodyAsync());
        previewText.ShouldContain("DRAF");
        previewText.ShouldContain("penataan kearsipan");
        (await registrar.Locator("iframe.pdf-frame").GetAttributeAsync("src")).ShouldBe(letterPath + "?handler=Pdf");
        await app.ScreenshotAsync(registrar, "21-konsep-tersimpan");

        await registrar.ClickAsync("button:has-text('Ajukan untuk paraf')");
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("diajukan");
        (await NextActionAsync(registrar)).ShouldContain("Menunggu paraf Kepala Bagian Umum (Drs. Agus Salim, M.Si.)");
        (await registrar.Locator("button:has-text('Ajukan')").CountAsync()).ShouldBe(0, "submitted once");
        await app.ScreenshotAsync(registrar, "22-diajukan");

        // The Sekretaris Daerah cannot sign before the paraf: no sign button yet.
        var sekda = await SignedInAsync("sekda");
        await sekda.GotoAsync(letterPath);
        (await sekda.Locator("button:has-text('Tandatangani')").CountAsync()).ShouldBe(0);

        // Paraf by the Kepala Bagian Umum.
        var reviewer = await SignedInAsync("kabag.umum");
        await reviewer.GotoAsync(letterPath);
        await reviewer.ShouldHaveLabelledInputsAsync();
        await reviewer.FillAsync("#comment", "Setuju, jadwal sudah sesuai.");
        await app.ScreenshotAsync(reviewer, "23-paraf");
        await reviewer.ClickAsync("button:has-text('Beri paraf')");
        (await reviewer.Locator("[role=status]").InnerTextAsync()).ShouldContain("Paraf tercatat");
        (await NextActionAsync(reviewer)).ShouldContain("Menunggu tanda tangan Sekretaris Daerah (Reny Hendrawaty)");
        (await reviewer.Locator("ol.reviews").InnerTextAsync()).ShouldContain("diparaf Drs. Agus Salim");

        // Signing issues the number from the agency's template (default: classification/sequence/unit/year).
        await sekda.GotoAsync(letterPath);
        await sekda.ClickAsync("button:has-text('Tandatangani')");
        (await sekda.Locator("[role=status]").InnerTextAsync()).ShouldContain("nomor 000.5/1/Setda/2026");
        (await sekda.Locator("[data-testid=letter-number]").InnerTextAsync()).ShouldBe("000.5/1/Setda/2026");
        (await sekda.Locator("h1").InnerTextAsync()).ShouldContain("000.5/1/Setda/2026");
        var code = await sekda.Locator("[data-testid=verification-code]").InnerTextAsync();
        code.Length.ShouldBe(13);
        await app.ScreenshotAsync(sekda, "24-ditandatangani");

        // Dispatch: inside the agency, to Kabupaten Bekasi on the system, by hand to the others.
        await registrar.GotoAsync(letterPath);
        await registrar.SelectOptionAsync("#method", "langsung");
        await registrar.FillAsync("#sentOn", "2026-11-24");
        await registrar.ClickAsync("button:has-text('Kirim surat')");
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("dikirim");
        (await registrar.Locator("[data-testid=status]").InnerTextAsync()).ShouldBe("Dikirim");
        var deliveries = await registrar.Locator("table.list").InnerTextAsync();
        deliveries.ShouldContain("kotak masuk (instansi ini)");
        deliveries.ShouldContain("sistem Arsip (instansi lain)");
        deliveries.ShouldContain("diantar langsung");
        deliveries.ShouldContain("dikirim 24-11-2026");
        var timeline = await registrar.Locator("[data-testid=timeline]").InnerTextAsync();
        timeline.ShouldContain("Konsep dibuat oleh");
        timeline.ShouldContain("Paraf Kepala Bagian Umum");
        timeline.ShouldContain("nomor 000.5/1/Setda/2026");
        timeline.ShouldContain("kode verifikasi " + code);
        timeline.ShouldContain("Dikirim oleh");
        await app.ScreenshotAsync(registrar, "25-dikirim");

        // The issued PDF: downloaded through the page's link, it carries the number; its hash is the one shown.
        var download = await registrar.APIRequest.GetAsync((await registrar.Locator("[data-testid=pdf-download]").GetAttributeAsync("href"))!);
        download.Status.ShouldBe(200);
        download.Headers["content-disposition"].ShouldContain("attachment");
        var pdf = await download.BodyAsync();
        var text = PdfText(pdf);
        text.ShouldContain("000.5/1/Setda/2026");
        text.ShouldNotContain("DRAF");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        (await registrar.Locator("code.hash").InnerTextAsync()).ShouldBe(sha256);
        var file = Path.Combine(app.Screenshots, "surat-terbit.pdf");
        await File.WriteAllBytesAsync(file, pdf);

        // The agenda book export from the list carries the year and lists the letter.
        await registrar.GotoAsync("/surat-keluar?year=2026");
        var csvLink = await registrar.Locator("[data-testid=agenda-export] a:has-text('CSV')").GetAttributeAsync("href");
        csvLink.ShouldBe("/api/agenda-books/outgoing.csv?year=2026");
        (await (await registrar.APIRequest.GetAsync(csvLink!)).TextAsync()).ShouldContain("000.5/1/Setda/2026");

        // The public verification page, not signed in: the link on the letter leads there; the downloaded PDF passes.
        var verifier = await app.NewPageAsync();
        (await verifier.GotoAsync("/v/" + code))!.Status.ShouldBe(200);
        (await verifier.Locator("main").InnerTextAsync()).ShouldContain("000.5/1/Setda/2026");
        await verifier.SetInputFilesAsync("#berkas", file);
        await verifier.ClickAsync("button[type=submit]");
        (await verifier.Locator("section[role=status]").InnerTextAsync()).ShouldContain("COCOK — dokumen asli");
        await app.ScreenshotAsync(verifier, "26-verifikasi-cocok");

        var changed = pdf.ToArray();
        changed[^10] ^= 0x20;
        await verifier.SetInputFilesAsync("#berkas", new FilePayload { Name = "surat.pdf", MimeType = "application/pdf", Buffer = changed });
        await verifier.ClickAsync("button[type=submit]");
        (await verifier.Locator("section[role=status]").InnerTextAsync()).ShouldContain("TIDAK COCOK");
        await app.ScreenshotAsync(verifier, "27-verifikasi-tidak-cocok");

        // Page load times as the browser's request sees them (HTML only, loopback): printed, for direction.
        foreach (var path in new[] { letterPath, "/surat-keluar", "/surat-keluar/baru" })
        {
            var times = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                (await registrar.APIRequest.GetAsync(path)).Status.ShouldBe(200);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            output.WriteLine($"{path}: p50 {times[10]:F1} ms, max {times[^1]:F1} ms (20 requests, page already visited)");
        }

        // The Kepala Dinas Kesehatan finds it in the incoming agenda book of the agency.
        var kadinkes = await SignedInAsync("kadinkes");
        await kadinkes.GotoAsync("/surat-masuk");
        (await kadinkes.Locator("table.list").InnerTextAsync()).ShouldContain("000.5/1/Setda/2026");
    }

    [Fact]
    public async Task A_returned_draft_is_revised_and_a_registrar_reserves_a_number_for_a_paper_letter()
    {
        var registrar = await SignedInAsync("registrar");
        await registrar.GotoAsync("/surat-keluar/baru");
        await registrar.FillAsync("#classification", "800.1");
        await registrar.GetByRole(AriaRole.Checkbox, new() { Name = "Kepala Bagian Hukum", Exact = true }).First.CheckAsync();
        await registrar.FillAsync("#subject", "Permohonan data pegawai");
        await registrar.FillAsync("#body", "Mohon data pegawai per 1 November 2026.");
        await registrar.SelectOptionAsync("#reviewer-1", new SelectOptionValue { Label = "Kepala Bagian Umum" });
        await registrar.SelectOptionAsync("#signatoryPositionId", new SelectOptionValue { Label = "Kepala Bagian Umum" });
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-keluar/[0-9a-f-]{36}$"));
        var letterPath = new Uri(registrar.Url).AbsolutePath;
        await registrar.ClickAsync("button:has-text('Ajukan untuk paraf')");

        // Returning needs comments: the message shows at the field.
        var reviewer = await SignedInAsync("kabag.umum");
        await reviewer.GotoAsync(letterPath);
        await reviewer.ClickAsync("button:has-text('Kembalikan')");
        (await reviewer.Locator("#comments-error").InnerTextAsync()).ShouldContain("wajib");
        await reviewer.FillAsync("#comments", "Sebutkan batas waktu pengiriman data.");
        await reviewer.ClickAsync("button:has-text('Kembalikan')");
        (await NextActionAsync(reviewer)).ShouldContain("Penyusun");

        await registrar.GotoAsync(letterPath);
        (await registrar.Locator("[role=note]").InnerTextAsync()).ShouldContain("Sebutkan batas waktu");
        await registrar.ClickAsync("text=Ubah konsep");
        await registrar.ShouldHaveLabelledInputsAsync();
        await registrar.FillAsync("#body", "Mohon data pegawai per 1 November 2026, paling lambat 30 November 2026.");
        await registrar.FillAsync("#note", "Batas waktu ditambahkan");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync("**" + letterPath);
        (await registrar.Locator("[data-testid=timeline]").InnerTextAsync()).ShouldContain("versi 2");
        await app.ScreenshotAsync(registrar, "28-konsep-versi-2");

        // A number for a letter signed on paper: taken now, in the same gapless sequence.
        await registrar.GotoAsync("/surat-keluar/reservasi");
        await registrar.ShouldHaveLabelledInputsAsync();
        await registrar.SelectOptionAsync("#kind", "NotaDinas");
        await registrar.FillAsync("#classification", "000.1");
        await registrar.GetByRole(AriaRole.Checkbox, new() { Name = "Sekretaris Daerah", Exact = true }).First.CheckAsync();
        await registrar.FillAsync("#subject", "Laporan kegiatan bulan November");
        await registrar.FillAsync("#body", "Ditandatangani di atas kertas.");
        await registrar.SelectOptionAsync("#signatoryPositionId", new SelectOptionValue { Label = "Kepala Bagian Umum" });
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-keluar/[0-9a-f-]{36}$"));
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("Nomor 000.1/1/Umum/2026 dipesan");
        (await registrar.Locator("[data-testid=status]").InnerTextAsync()).ShouldContain("di atas kertas");
        await app.ScreenshotAsync(registrar, "29-nomor-dipesan");

        // Only registrars reserve numbers.
        var analis = await SignedInAsync("analis");
        await analis.GotoAsync("/surat-keluar/reservasi");
        (await analis.Locator("h1").InnerTextAsync()).ShouldBe("Tidak berhak");
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Page text (letter by letter, as the DRAF mark is drawn) and words (for phrases).
        return string.Join("\n", document.GetPages().Select(p => p.Text + "\n" + string.Join(" ", p.GetWords().Select(w => w.Text))));
    }
}
