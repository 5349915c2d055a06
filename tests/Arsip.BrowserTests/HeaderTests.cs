using Arsip.Organization;

namespace Arsip.BrowserTests;

/// <summary>The header names the person, their positions (acting ones marked Plt/Plh) and the agency; sign-in works from the keyboard alone.</summary>
public sealed class HeaderTests(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_acting_assignment_shows_as_Plt_in_the_header_after_a_keyboard_sign_in()
    {
        var admin = await app.SignInAsync("admin");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var person = chart.People.Single(p => p.UserName == "kabag.or");
        var position = chart.Positions.Single(p => p.Title == "Kepala Bagian Hukum");
        var assigned = await admin.PostAsJsonAsync($"/api/organization/people/{person.Id}/acting",
            new { positionId = position.Id, kind = "Plt", from = "2026-11-01", until = "2026-12-31" });
        assigned.IsSuccessStatusCode.ShouldBeTrue(await assigned.Content.ReadAsStringAsync());

        var page = await app.NewPageAsync();
        await page.GotoAsync("/masuk?instansi=kota-bekasi"); // the agency as a bookmarked link names it; the rest from the keyboard
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("userName", "the user name field has the focus");
        await page.Keyboard.TypeAsync("kabag.or");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(ArsipApp.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForPageAsync(new Regex("/$"));

        var header = await page.Locator("header .who").InnerTextAsync();
        header.ShouldContain("Kepala Bagian Organisasi");
        header.ShouldContain("Plt Kepala Bagian Hukum");
        header.ShouldContain("Pemerintah Kota Bekasi");
        await app.ScreenshotAsync(page, "12-plt-di-kepala");

        await page.ClickAsync("header button:has-text('Keluar')");
        await page.WaitForPageAsync("**/masuk");
    }

    /// <summary>English's menu and "Bahasa Indonesia" are longer than Indonesian's: at 1,280 px the administrator's name, positions and
    /// agency ran over the last menu links. Now they go under the menu when they do not fit beside it.</summary>
    [Fact]
    public async Task In_English_the_administrators_menu_and_name_never_overlap_at_1280_px()
    {
        var page = await app.NewPageAsync(1280, 720);
        await page.SignInAsync("admin", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.GotoAsync("/bahasa/en?kembali=%2F");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        (await page.Locator("header nav a").CountAsync()).ShouldBe(8);
        var overlaps = await page.EvaluateAsync<string[]>("""
            () => {
              const boxes = s => [...document.querySelectorAll(s)].map(e => [e.textContent.trim(), e.getBoundingClientRect()]);
              const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
              return boxes('header nav a').flatMap(([m, a]) => boxes('header .who > *').filter(([, b]) => meet(a, b)).map(([w]) => m + ' / ' + w));
            }
            """);
        overlaps.ShouldBeEmpty("a menu link and the user's name, position, agency, sign-out or language share pixels");
        await app.ScreenshotAsync(page, "12-kepala-bahasa-inggris");
    }
}
