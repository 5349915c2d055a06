using System.Security.Cryptography;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.Onboarding;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.BrowserTests;

/// <summary>#20's pages: the operator enters a peer installation on /operator/instalasi; a letter to an agency that peer hosts waits in the
/// outbox (the peer is not listening), the administrator sees it on /admin/kiriman retrying with its next attempt, sends it again now
/// (screenshots 160–164, at 1,280 and 390 px).</summary>
public sealed class InstallationPages(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_operator_enters_a_peer_and_the_administrator_sees_a_waiting_envelope_and_sends_it_again()
    {
        // the backoff counts from the application's clock: at real time, so a waiting envelope waits seconds, not at once
        if (app.Clock.GetUtcNow() < DateTimeOffset.UtcNow) app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        (await OperatorAccounts.CreateAsync(app.Store, new ArsipClock(app.Clock), "operator", "Operator Instalasi", "operator-uji-2026", default)).Refused.ShouldBeFalse();
        using var peerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var page = await app.NewPageAsync();
        await page.SignInAsync("operator", "operator-uji-2026", Installation.Tenant);
        await page.WaitForPageAsync("**/operator");
        await page.GotoAsync("/operator/instalasi");
        await page.ShouldHaveLabelledInputsAsync();
        await page.FillAsync("#peerId", "arsip-garut");
        await page.FillAsync("#name", "Arsip Kabupaten Garut");
        await page.FillAsync("#baseUrl", $"http://127.0.0.1:{FreePort()}"); // nobody listens there
        await page.FillAsync("#publicKey", peerKey.ExportSubjectPublicKeyInfoPem());
        await page.FillAsync("#agencies", "kab-garut");
        await page.ClickAsync("form[data-testid='set-peer'] button[type=submit]");
        await page.Locator("[data-testid='notice']").WaitForAsync();
        (await page.Locator("tr[data-peer='arsip-garut']").InnerTextAsync()).ShouldContain("kab-garut");
        await app.ScreenshotAsync(page, "160-operator-instalasi");
        var operatorPhone = await app.NewPageAsync(390, 844);
        await operatorPhone.SignInAsync("operator", "operator-uji-2026", Installation.Tenant);
        await operatorPhone.WaitForPageAsync("**/operator");
        await operatorPhone.GotoAsync("/operator/instalasi");
        await app.ScreenshotAsync(operatorPhone, "161-operator-instalasi-390");

        // a dispatched letter's envelope to kab-garut, as dispatch publishes it
        var letterId = Guid.CreateVersion7();
        var delivery = new DeliverLetter(Guid.CreateVersion7(), "kota-bekasi", letterId, "Sekretariat Daerah (kota-bekasi)", "000.5/77/Setda/2026", new DateOnly(2026, 11, 24),
            "Undangan Rapat Antarinstansi", "000.5", Arsip.Kernel.SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false, []);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().PublishAsync(new DeliverLetterToPeer(delivery, "kab-garut"), new Wolverine.DeliveryOptions { TenantId = "kota-bekasi" });
        await EventuallyAsync(async () => await StateAsync(delivery.DeliveryId) is { Status: EnvelopeStatus.Retrying });

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.GotoAsync("/admin");
        await admin.ClickAsync("[data-testid='outbox-link']");
        await admin.WaitForPageAsync("**/admin/kiriman");
        var row = admin.Locator($"tr[data-envelope='{delivery.DeliveryId}']");
        (await row.GetAttributeAsync("data-status")).ShouldBe("Retrying");
        var text = await row.InnerTextAsync();
        text.ShouldContain("000.5/77/Setda/2026");
        text.ShouldContain("kab-garut (arsip-garut)");
        text.ShouldContain("Dicoba lagi");
        text.ShouldContain("percobaan berikutnya");
        await app.ScreenshotAsync(admin, "162-admin-kiriman");

        var attempts = (await StateAsync(delivery.DeliveryId))!.Attempts;
        await row.Locator("button", new() { HasText = "Kirim ulang sekarang" }).ClickAsync();
        (await admin.Locator("[data-testid='notice']").InnerTextAsync()).ShouldContain("dikirim ulang");
        await EventuallyAsync(async () => await StateAsync(delivery.DeliveryId) is { Status: EnvelopeStatus.Retrying } s && s.Attempts > attempts);

        // Batalkan is not walked here: it records the refusal on the letter's stream, and this envelope's letter is not a real one
        await app.ScreenshotAsync(admin, "163-admin-kiriman-dikirim-ulang");

        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("admin", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync("/admin/kiriman");
        (await phone.Locator($"tr[data-envelope='{delivery.DeliveryId}']").CountAsync()).ShouldBe(1);
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing scrolls sideways on a phone");
        await app.ScreenshotAsync(phone, "164-admin-kiriman-390");
        app.PolicyViolations.ShouldBeEmpty();
    }

    private async Task<EnvelopeState?> StateAsync(Guid id)
    {
        await using var session = app.Store.QuerySession("kota-bekasi");
        return await session.LoadAsync<EnvelopeState>(id);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("the envelope did not reach the expected state within 60 s");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
