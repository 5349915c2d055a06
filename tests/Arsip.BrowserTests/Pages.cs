using Microsoft.Playwright;

namespace Arsip.BrowserTests;

public static class Pages
{
    /// <summary>
    /// Waits for a navigation only until the new page's HTML is parsed: the default, its load event, once never
    /// came within 30 s on a loaded machine although the page was there (and the next steps wait for their elements anyway).
    /// </summary>
    public static PageWaitForURLOptions Parsed => new() { WaitUntil = WaitUntilState.DOMContentLoaded };

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
        await page.SelectOptionAsync("#agency", agency);
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }
}
