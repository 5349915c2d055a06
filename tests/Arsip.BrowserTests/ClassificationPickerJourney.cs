using System.Net.Http.Headers;

namespace Arsip.BrowserTests;

/// <summary>
/// The classification field of the registration and draft forms offers the agency's scheme while typing, and a code
/// outside it is refused at the field with the nearest classes. Screenshots under TestResults/screenshots.
/// </summary>
public sealed class ClassificationPickerJourney(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await app.ResetAsync();
        var scheme = new ByteArrayContent(File.ReadAllBytes(Path.Combine(ArsipApp.SamplesFolder, "classification", "permendagri-83-2022.csv")));
        scheme.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        (await (await app.SignInAsync("admin")).PostAsync("/api/classification/import", scheme)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_registrar_picks_a_class_of_the_scheme_and_a_code_outside_it_is_refused_with_the_nearest()
    {
        var registrar = await app.NewPageAsync();
        await registrar.SignInAsync("registrar", ArsipApp.DemoPassword);
        await registrar.WaitForPageAsync(new Regex("/$"));

        await registrar.GotoAsync("/surat-masuk/baru");
        var field = registrar.Locator("#classification");
        var listId = await field.GetAttributeAsync("list");
        listId.ShouldNotBeNull();
        var options = registrar.Locator($"datalist#{listId} option");
        (await options.CountAsync()).ShouldBe(165, "every class of the imported scheme");
        (await registrar.Locator($"datalist#{listId} option[value='000.1.2']").GetAttributeAsync("value")).ShouldBe("000.1.2");
        (await registrar.Locator($"datalist#{listId} option[value='000.1.2']").TextContentAsync()).ShouldBe("Perjalanan Dinas Pimpinan");
        await registrar.ShouldHaveLabelledInputsAsync();

        await registrar.FillAsync("#sender", "Badan Pengelola Keuangan Daerah");
        await registrar.FillAsync("#senderLetterNumber", "900.1/12/BPKD/2026");
        await registrar.FillAsync("#letterDate", "2026-11-20");
        await registrar.FillAsync("#subject", "Laporan realisasi anggaran triwulan III");
        await registrar.FillAsync("#classification", "999.9.9.9");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        var error = await registrar.Locator("#classification-error").InnerTextAsync();
        error.ShouldContain("tidak ada dalam skema klasifikasi");
        error.ShouldContain("900 Keuangan");
        (await field.GetAttributeAsync("aria-invalid")).ShouldBe("true");
        (await field.GetAttributeAsync("list")).ShouldBe(listId, "the picker is still offered after the refusal");
        await app.ScreenshotAsync(registrar, "40-klasifikasi-tidak-dikenal");

        await registrar.FillAsync("#classification", "900.1");
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        await registrar.WaitForPageAsync(new Regex("/surat-masuk/[0-9a-f-]{36}$"));
        (await registrar.Locator("[role=status]").InnerTextAsync()).ShouldContain("nomor agenda 1/2026");

        // The outgoing draft form offers the same list and refuses the same way.
        await registrar.GotoAsync("/surat-keluar/baru");
        (await registrar.Locator("#classification").GetAttributeAsync("list")).ShouldBe(listId);
        (await registrar.Locator($"datalist#{listId} option").CountAsync()).ShouldBe(165);
        await registrar.FillAsync("#classification", "000.5.9");
        await registrar.GetByRole(AriaRole.Checkbox, new() { Name = "Kepala Dinas Kesehatan", Exact = true }).First.CheckAsync();
        await registrar.FillAsync("#subject", "Undangan rapat koordinasi");
        await registrar.FillAsync("#body", "Dengan hormat, kami mengundang Saudara.");
        await registrar.SelectOptionAsync("#signatoryPositionId", new SelectOptionValue { Label = "Sekretaris Daerah" });
        await registrar.ClickAsync("form.form-grid button[type=submit]");
        (await registrar.Locator("#classification-error").InnerTextAsync()).ShouldContain("000.5 Kearsipan");
        await app.ScreenshotAsync(registrar, "41-konsep-klasifikasi-tidak-dikenal");
    }
}
