namespace Arsip.BrowserTests;

/// <summary>
/// The administrator keeps the working calendar from /admin/kalender (issue #21's checklist links here): a pasted list
/// with a bad line is refused whole, a good one is saved, one holiday is removed, and a form left open while someone
/// else changed the calendar saves nothing. The holidays then count in the disposition deadlines' working days.
/// </summary>
public sealed class WorkingCalendarPage(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string[]> DatesAsync(IPage page) =>
        [.. (await page.Locator("[data-testid=holidays] tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.date)"))];

    [Fact]
    public async Task Administrator_pastes_the_holiday_list_removes_one_and_a_stale_form_saves_nothing()
    {
        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.GotoAsync("/admin/persiapan");
        await admin.ClickAsync("text=Kalender kerja dengan libur nasional");
        await admin.WaitForPageAsync(new Regex("/admin/kalender"));
        await admin.ShouldHaveLabelledInputsAsync();
        await admin.GotoAsync("/admin/kalender?tahun=2031");
        (await admin.Locator("[data-testid=no-holidays]").InnerTextAsync()).ShouldContain("2031");

        // one bad line refuses the whole list, each bad line named
        await admin.FillAsync("#lines", "2031-01-01 Tahun Baru 2031 Masehi\n31-02-2031 Tanggal salah\n2031-08-17");
        await admin.ClickAsync("form[data-testid=add-holidays] button[type=submit]");
        var summary = await admin.Locator("[data-error-summary]").InnerTextAsync();
        summary.ShouldContain("tidak ada yang disimpan");
        summary.ShouldContain("Baris 2");
        summary.ShouldContain("Baris 3");
        (await admin.Locator("[data-testid=no-holidays]").CountAsync()).ShouldBe(1);
        (await admin.Locator("#lines").InputValueAsync()).ShouldContain("Tanggal salah"); // kept for correcting

        await admin.FillAsync("#lines", "2031-01-01 Tahun Baru 2031 Masehi\n17-08-2031 Hari Kemerdekaan Republik Indonesia\n2031-12-25;Hari Raya Natal");
        await admin.ClickAsync("form[data-testid=add-holidays] button[type=submit]");
        (await admin.Locator("[data-testid=notice]").InnerTextAsync()).ShouldContain("3 hari libur tersimpan");
        (await DatesAsync(admin)).ShouldBe(["2031-01-01", "2031-08-17", "2031-12-25"]);
        (await admin.Locator("tr[data-date='2031-08-17']").InnerTextAsync()).ShouldContain("Minggu, 17-08-2031");
        await app.ScreenshotAsync(admin, "36-kalender-kerja");

        // the same page open in a second tab, then the first removes a holiday: the second's save is refused
        var second = await admin.Context.NewPageAsync();
        await second.GotoAsync("/admin/kalender?tahun=2031");
        await admin.ClickAsync("tr[data-date='2031-12-25'] button");
        (await admin.Locator("[data-testid=notice]").InnerTextAsync()).ShouldContain("25-12-2031 dihapus");
        (await DatesAsync(admin)).ShouldBe(["2031-01-01", "2031-08-17"]);
        await second.FillAsync("#lines", "2031-05-01 Hari Buruh Internasional");
        await second.ClickAsync("form[data-testid=add-holidays] button[type=submit]");
        (await second.Locator("[data-error-summary]").InnerTextAsync()).ShouldContain("diubah orang lain");
        (await DatesAsync(second)).ShouldBe(["2031-01-01", "2031-08-17"]);

        // the API (and so every deadline) sees what the page saved
        var calendar = await admin.APIRequest.GetAsync("/api/calendar");
        var json = await calendar.TextAsync();
        json.ShouldContain("2031-08-17");
        json.ShouldNotContain("2031-12-25");
        json.ShouldNotContain("2031-05-01");

        await admin.SetViewportSizeAsync(390, 844);
        await app.ScreenshotAsync(admin, "37-kalender-kerja-390");
        (await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("the page is wider than the phone");
    }
}
