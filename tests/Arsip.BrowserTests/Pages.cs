
namespace Arsip.BrowserTests;

public static class Pages
{
    /// <summary>
    /// Waits until the page is at an address (a regular expression, or a glob with <c>**</c>) and its HTML is
    /// parsed, both by polling (the URL as Playwright's assertions do, then <c>document.readyState</c>).
    /// <c>WaitForURLAsync</c> waits for the browser's load-state events instead, and after a form post's redirect
    /// that wait now and then never ended although the page was there.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new() { Timeout = 30_000 });
    }

    public static Task WaitForPageAsync(this IPage page, string glob) =>
        page.WaitForPageAsync(new Regex("^" + Regex.Escape(glob).Replace(@"\*\*", ".*") + "$"));

    /// <summary>Every visible form control is named by a <c>label[for]</c> or an <c>aria-label</c>.</summary>
    public static async Task ShouldHaveLabelledInputsAsync(this IPage page)
    {
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                .filter(e => !(e.getAttribute('aria-label') || (e.id && document.querySelector(`label[for="${e.id}"]`))))
                .map(e => e.name || e.outerHTML)
            """);
        unlabelled.ShouldBeEmpty($"{page.Url} has inputs without a label");
        (await page.Locator("h1").CountAsync()).ShouldBe(1, $"{page.Url} has one h1");
        var unprotected = await page.EvaluateAsync<int>(
            "() => Array.from(document.querySelectorAll('form[method=post]')).filter(f => !f.querySelector('input[name=__RequestVerificationToken]')).length");
        unprotected.ShouldBe(0, $"{page.Url} has a post form without the anti-forgery token");
    }

    public static async Task SignInAsync(this IPage page, string userName, string password, string agency = "kota-bekasi")
    {
        await page.GotoAsync("/masuk");
        await page.FillAsync("#agency", agency);
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
