using UglyToad.PdfPig;

namespace Arsip.BrowserTests;

/// <summary>
/// The draft form offers the chosen kind's own fields (issue #23): a keputusan's menimbang, mengingat and diktum (refused at
/// the diktum field without one), a surat tugas's people picked from the organization (NIP, pangkat and jabatan printed from
/// it) and its untuk; the preview PDF is in the kind's layout; search's kind facet narrows to it. Screenshots 94–98 at 1,280 and 390 px.
/// </summary>
public sealed class LetterKindsJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> PreviewTextAsync(IPage page)
    {
        var preview = await page.Context.APIRequest.GetAsync((await page.Locator("iframe").First.GetAttributeAsync("src"))!);
        preview.Status.ShouldBe(200);
        using var pdf = PdfDocument.Open(await preview.BodyAsync());
        return string.Join("\n", pdf.GetPages().Select(p => p.Text));
    }

    private static async Task FillCommonAsync(IPage page, string kind, string subject)
    {
        await page.SelectOptionAsync("#kind", kind);
        await page.FillAsync("#classification", "000.5");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Kepala Dinas Kesehatan", Exact = true }).First.CheckAsync();
        await page.FillAsync("#subject", subject);
        await page.SelectOptionAsync("#signatoryPositionId", new SelectOptionValue { Label = "Sekretaris Daerah" });
    }

    [Fact]
    public async Task A_keputusan_is_drafted_with_menimbang_mengingat_and_diktum_and_refused_without_diktum()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("analis", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.GotoAsync("/surat-keluar/baru");
        await FillCommonAsync(page, "SuratKeputusan", "Pembentukan Tim Penataan Arsip");
        (await page.Locator("#diktums").IsVisibleAsync()).ShouldBeTrue("a keputusan has diktums");
        (await page.Locator("#purposes").IsVisibleAsync()).ShouldBeFalse("only a surat perintah or tugas has untuk");
        (await page.Locator("#eventDate").IsVisibleAsync()).ShouldBeFalse();
        await page.ShouldHaveLabelledInputsAsync();
        await page.FillAsync("#considerations", "bahwa perlu dibentuk tim penataan arsip;\nbahwa perlu menetapkan keputusan;");
        await page.FillAsync("#legalBases", "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;");
        await page.ClickAsync("form.form-grid button[type=submit]");
        (await page.Locator("#diktums-error").InnerTextAsync()).ShouldContain("diktum");
        (await page.Locator("#diktums").GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await page.Locator("#considerations").InputValueAsync()).ShouldContain("bahwa perlu menetapkan keputusan;");
        await app.ScreenshotAsync(page, "94-konsep-keputusan-tanpa-diktum");

        await page.FillAsync("#diktums", "Membentuk Tim Penataan Arsip.\nKeputusan ini mulai berlaku pada tanggal ditetapkan.");
        await page.ClickAsync("form.form-grid button[type=submit]");
        await page.WaitForPageAsync(new Regex("/surat-keluar/[0-9a-f-]{36}$"));
        var text = await PreviewTextAsync(page);
        foreach (var part in new[] { "KEPUTUSAN SEKRETARIS DAERAH KOTA BEKASI", "Menimbang", "a.", "b.", "Mengingat", "MEMUTUSKAN:", "KESATU", "KEDUA", "Ditetapkan di" })
            text.ShouldContain(part);

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("analis", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/surat-keluar/baru");
        await phone.SelectOptionAsync("#kind", "SuratKeputusan");
        (await phone.Locator("#diktums").IsVisibleAsync()).ShouldBeTrue();
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the draft form scrolls sideways");
        await app.ScreenshotAsync(phone, "95-konsep-keputusan-ponsel");
    }

    [Fact]
    public async Task A_surat_tugas_names_people_from_the_organization_and_prints_their_nip()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync("analis", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.GotoAsync("/surat-keluar/baru");
        await FillCommonAsync(page, "SuratTugas", "Tugas pemantauan penataan arsip");
        (await page.Locator("#diktums").IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("#purposes").IsVisibleAsync()).ShouldBeTrue();
        await page.ClickAsync("form.form-grid button[type=submit]");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("paling sedikit satu orang");
        (await page.Locator("#purposes-error").InnerTextAsync()).ShouldContain("untuk apa");

        var person = page.Locator("fieldset[data-kinds~='SuratTugas'] .check label", new() { HasText = "NIP" }).First;
        var name = (await person.InnerTextAsync()).Split(" (NIP ")[0];
        var nip = (await person.InnerTextAsync()).Split(" (NIP ")[1].TrimEnd(')');
        await person.ClickAsync();
        await page.FillAsync("#purposes", "memantau penataan arsip inaktif;\nmelaporkan hasilnya kepada Sekretaris Daerah.");
        await app.ScreenshotAsync(page, "96-konsep-surat-tugas");
        await page.ClickAsync("form.form-grid button[type=submit]");
        await page.WaitForPageAsync(new Regex("/surat-keluar/[0-9a-f-]{36}$"));
        var text = await PreviewTextAsync(page);
        foreach (var part in new[] { "SURAT TUGAS", "MENUGASKAN:", "Kepada", name, nip, "Untuk", "memantau penataan arsip", "Dikeluarkan di" })
            text.ShouldContain(part);

        // search knows the kind: a facet with its count, a click narrows to it, the hit names its kind
        for (var tries = 0; tries < 60; tries++)
        {
            await page.GotoAsync("/cari?q=pemantauan");
            if (await page.Locator("[data-testid=facet-kind]").CountAsync() > 0) break;
            await Task.Delay(500);
        }
        (await page.Locator("[data-testid=facet-kind]").InnerTextAsync()).ShouldMatch(@"Surat Tugas \(\d+\)");
        await page.Locator("[data-testid=facet-kind] a", new() { HasText = "Surat Tugas" }).ClickAsync();
        await page.WaitForPageAsync(new Regex("kind=SuratTugas"));
        (await page.Locator("[data-testid=active-filters]").InnerTextAsync()).ShouldContain("Jenis Surat Tugas");
        (await page.Locator("[data-testid=hit-kind]").AllInnerTextsAsync()).ShouldAllBe(k => k == "Surat Tugas");
        (await page.Locator("ol.hits li").CountAsync()).ShouldBeGreaterThan(0);
        await app.ScreenshotAsync(page, "98-cari-jenis-naskah");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("analis", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/surat-keluar/baru");
        await phone.SelectOptionAsync("#kind", "SuratTugas");
        (await phone.Locator("#purposes").IsVisibleAsync()).ShouldBeTrue();
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the draft form scrolls sideways");
        await app.ScreenshotAsync(phone, "97-konsep-surat-tugas-ponsel");
    }
}
