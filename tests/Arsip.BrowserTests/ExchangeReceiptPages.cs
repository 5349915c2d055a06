using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Arsip.Correspondence;
using Arsip.Exchange;
using Arsip.Onboarding;
using Arsip.Organization;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.BrowserTests;

/// <summary>#20 after "diterima": a letter from Kota Bekasi to Kabupaten Bekasi (one installation) is read and disposed there, and the
/// sender's page shows "didisposisikan" and "dibaca" (screenshots 165–166); an envelope to a peer that does not answer is cancelled
/// on /admin/kiriman (167–168); the receiving side's outbox of receipts and the refusals (169–170), the operator's list of refusals (171), and a receipt cancelled. At 1,280 and 390 px.</summary>
public sealed class ExchangeReceiptPages(BrowserApp app) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.ResetAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Guid> DraftAsync(HttpClient analis, string subject, string agency)
    {
        var signatory = (await analis.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Positions.Single(p => p.Title == "Sekretaris Daerah").Id;
        var drafted = await analis.PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject,
            body = "Bersama ini kami mengundang Saudara pada rapat koordinasi penyusutan arsip di Kantor Wali Kota Bekasi.", attachments = (string?)null,
            addressees = new[] { new { name = "Sekretaris Daerah", agency } }, copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(),
            signatoryPositionId = signatory,
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        return (await drafted.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
    }

    [Fact]
    public async Task The_sender_sees_didisposisikan_and_dibaca_and_the_administrator_cancels_an_envelope_that_waits()
    {
        if (app.Clock.GetUtcNow() < DateTimeOffset.UtcNow) app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var analis = await app.SignInAsync("analis");
        var id = await DraftAsync(analis, "Rapat Koordinasi Penyusutan Arsip Bekasi Raya", "kab-bekasi");
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/submit", new { })).EnsureSuccessStatusCode();
        var signed = await (await app.SignInAsync("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        (await analis.PostAsJsonAsync($"/api/outgoing-letters/{id}/dispatch", new { })).EnsureSuccessStatusCode();

        // at Kabupaten Bekasi: the Sekretaris Daerah opens the letter (the first read), then disposes it
        var incoming = await EventuallyAsync(async () =>
        {
            await using var session = app.Store.QuerySession("kab-bekasi");
            return await session.Query<IncomingLetterView>().FirstOrDefaultAsync(l => l.Subject == "Rapat Koordinasi Penyusutan Arsip Bekasi Raya");
        });
        var reader = await app.NewPageAsync();
        await reader.SignInAsync("sekda", ArsipApp.DemoPassword, "kab-bekasi");
        await reader.WaitForPageAsync(new Regex("/$"));
        await reader.GotoAsync($"/surat-masuk/{incoming.Id}");
        await EventuallyAsync(async () => await ProgressAsync(id) is [_] ? "" : null);
        var sekdaKab = await app.SignInAsync("sekda", "kab-bekasi");
        var kabag = (await sekdaKab.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Positions.First(p => p.Title == "Kepala Bagian Umum").Id;
        (await sekdaKab.PostAsJsonAsync($"/api/letters/{incoming.Id}/dispositions", new { recipients = new[] { new { positionId = kabag } }, instructions = new[] { "TINDAK_LANJUTI" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await EventuallyAsync(async () => await ProgressAsync(id) is [_, _] ? "" : null);

        var page = await app.NewPageAsync();
        await page.SignInAsync("analis", ArsipApp.DemoPassword);
        await page.WaitForPageAsync(new Regex("/$"));
        await page.GotoAsync($"/surat-keluar/{id}");
        var row = page.Locator("tr[data-envelope-status='Received']");
        var text = await row.InnerTextAsync();
        text.ShouldContain("Diterima (kab-bekasi)");
        (await row.Locator("[data-progress='disposed']").InnerTextAsync()).ShouldContain("didisposisikan");
        (await row.Locator("[data-progress='read']").InnerTextAsync()).ShouldContain("dibaca");
        await app.ScreenshotAsync(page, "165-surat-keluar-didisposisikan-dibaca");
        var phone = await app.NewPageAsync(390, 844);
        await phone.SignInAsync("analis", ArsipApp.DemoPassword);
        await phone.WaitForPageAsync(new Regex("/$"));
        await phone.GotoAsync($"/surat-keluar/{id}");
        (await phone.Locator("[data-progress='read']").CountAsync()).ShouldBe(1);
        (await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing scrolls sideways on a phone");
        await app.ScreenshotAsync(phone, "166-surat-keluar-didisposisikan-dibaca-390");

        // an envelope to a peer that does not answer (its letter a real draft): retrying, then cancelled by the administrator
        (await OperatorAccounts.CreateAsync(app.Store, new ArsipClock(app.Clock), "operator", "Operator Instalasi", "operator-uji-2026", default)).Refused.ShouldBeFalse();
        using var peerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var op = app.CreateClient();
        (await op.PostAsJsonAsync("/api/auth/sign-in", new { agency = Installation.Tenant, userName = "operator", password = "operator-uji-2026" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await op.PutAsJsonAsync("/api/peers/arsip-garut", new
        {
            name = "Arsip Kabupaten Garut", baseUrl = $"http://127.0.0.1:{FreePort()}", publicKey = peerKey.ExportSubjectPublicKeyInfoPem(), agencies = new[] { "kab-garut" },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var waiting = await DraftAsync(analis, "Undangan Rapat Antarinstansi Garut", "kab-garut");
        var delivery = new DeliverLetter(Guid.CreateVersion7(), "kota-bekasi", waiting, "Sekretariat Daerah (kota-bekasi)", "000.5/78/Setda/2026", new DateOnly(2026, 11, 24),
            "Undangan Rapat Antarinstansi Garut", "000.5", Arsip.Kernel.SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false, []);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().PublishAsync(new DeliverLetterToPeer(delivery, "kab-garut"), new Wolverine.DeliveryOptions { TenantId = "kota-bekasi" });
        await EventuallyAsync(async () => await StateAsync(delivery.DeliveryId) is { Status: EnvelopeStatus.Retrying } s ? s : null);

        var admin = await app.NewPageAsync();
        await admin.SignInAsync("admin", ArsipApp.DemoPassword);
        await admin.WaitForPageAsync(new Regex("/$"));
        await admin.GotoAsync("/admin/kiriman");
        var envelope = admin.Locator($"tr[data-envelope='{delivery.DeliveryId}']");
        (await envelope.GetAttributeAsync("data-status")).ShouldBe("Retrying");
        (await admin.Locator("[data-testid='send-disposed']").IsCheckedAsync()).ShouldBeTrue("receipts are on by default");
        await envelope.Locator("button", new() { HasText = "Batalkan" }).ClickAsync();
        (await admin.Locator("[data-testid='notice']").InnerTextAsync()).ShouldContain("dibatalkan");
        (await StateAsync(delivery.DeliveryId))!.Status.ShouldBe(EnvelopeStatus.Cancelled);
        await admin.GotoAsync("/admin/kiriman");
        var cancelled = admin.Locator($"tr[data-envelope='{delivery.DeliveryId}']");
        (await cancelled.GetAttributeAsync("data-status")).ShouldBe("Cancelled");
        (await cancelled.InnerTextAsync()).ShouldContain("Dibatalkan");
        (await cancelled.Locator("button").CountAsync()).ShouldBe(0, "nothing left to retry or cancel");
        await app.ScreenshotAsync(admin, "167-admin-kiriman-dibatalkan");
        var adminPhone = await app.NewPageAsync(390, 844);
        await adminPhone.SignInAsync("admin", ArsipApp.DemoPassword);
        await adminPhone.WaitForPageAsync(new Regex("/$"));
        await adminPhone.GotoAsync("/admin/kiriman");
        (await adminPhone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing scrolls sideways on a phone");
        await app.ScreenshotAsync(adminPhone, "168-admin-kiriman-dibatalkan-390");

        // at Kabupaten Bekasi: a "dibaca" receipt owed to kab-garut (whose installation does not answer) waits in the receipts' outbox,
        // and a forged envelope naming kab-bekasi shows among the refusals, without its content
        var owed = new DeliveryOrigin(Guid.CreateVersion7(), "kab-garut", Guid.CreateVersion7(), ByEnvelope: true);
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>().PublishAsync(
                new DeliveredLetterProgressed(incoming.Id, owed, DeliveryProgress.Read, app.Clock.GetUtcNow()), new Wolverine.DeliveryOptions { TenantId = "kab-bekasi" });
        var receiptId = ProgressReceipt.IdFor(owed.DeliveryId, DeliveryProgress.Read);
        await EventuallyAsync(async () =>
        {
            await using var session = app.Store.QuerySession("kab-bekasi");
            return await session.LoadAsync<ProgressReceiptState>(receiptId) is { Status: ProgressReceiptStatus.Retrying } s ? s : null;
        });
        using (var forged = new MultipartFormDataContent())
        {
            var head = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(
                $"{{\"envelopeId\":\"{Guid.NewGuid()}\",\"fromAgency\":\"kab-garut\",\"toAgency\":\"kab-bekasi\",\"letter\":{{\"subject\":\"Isi Palsu Rahasia\"}}}}"));
            head.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            forged.Add(head, EnvelopeFormat.EnvelopePart);
            using var request = new HttpRequestMessage(HttpMethod.Post, EnvelopePaths.Intake) { Content = forged };
            request.Headers.Add(EnvelopeFormat.KeyIdHeader, "0000111122223333");
            request.Headers.Add(EnvelopeFormat.SignatureHeader, "AAAA");
            (await app.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        foreach (var (width, height, shot) in new[] { (1280, 900, "169-admin-kiriman-tanda-terima-penolakan"), (390, 844, "170-admin-kiriman-tanda-terima-penolakan-390") })
        {
            var kab = await app.NewPageAsync(width, height);
            await kab.SignInAsync("admin", ArsipApp.DemoPassword, "kab-bekasi");
            await kab.WaitForPageAsync(new Regex("/$"));
            await kab.GotoAsync("/admin/kiriman");
            var receipt = kab.Locator($"tr[data-receipt='{receiptId}']");
            (await receipt.GetAttributeAsync("data-status")).ShouldBe("Retrying");
            var line = await receipt.InnerTextAsync();
            line.ShouldContain("kab-garut (arsip-garut)");
            line.ShouldContain("dibaca");
            line.ShouldContain("percobaan berikutnya");
            (await receipt.Locator("button", new() { HasText = "Kirim ulang sekarang" }).CountAsync()).ShouldBe(1);
            var refused = kab.Locator("[data-testid='refusals'] tr[data-status='403']");
            (await refused.CountAsync()).ShouldBe(1);
            (await refused.InnerTextAsync()).ShouldContain("kunci tak dikenal 0000111122223333");
            (await kab.ContentAsync()).ShouldNotContain("Isi Palsu Rahasia");
            (await kab.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing scrolls sideways");
            await kab.Locator("[data-testid='refusals']").ScrollIntoViewIfNeededAsync();
            await app.ScreenshotAsync(kab, shot);
        }
        // the operator sees every refusal, with the agency it named
        var operatorPhone = await app.NewPageAsync(390, 844);
        await operatorPhone.SignInAsync("operator", "operator-uji-2026", Installation.Tenant);
        await operatorPhone.WaitForPageAsync(new Regex("/operator"));
        await operatorPhone.GotoAsync("/operator/instalasi");
        var all = operatorPhone.Locator("[data-testid='refusals'] tr[data-status='403']");
        (await all.CountAsync()).ShouldBe(1);
        (await all.InnerTextAsync()).ShouldContain("kab-bekasi");
        (await operatorPhone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("nothing scrolls sideways");
        await app.ScreenshotAsync(operatorPhone, "171-operator-instalasi-penolakan-390");

        // cancelled from the page: no further attempt
        var kabAdmin = await app.NewPageAsync();
        await kabAdmin.SignInAsync("admin", ArsipApp.DemoPassword, "kab-bekasi");
        await kabAdmin.WaitForPageAsync(new Regex("/$"));
        await kabAdmin.GotoAsync("/admin/kiriman");
        await kabAdmin.Locator($"tr[data-receipt='{receiptId}'] button", new() { HasText = "Batalkan" }).ClickAsync();
        (await kabAdmin.Locator("[data-testid='notice']").InnerTextAsync()).ShouldContain("dibatalkan");
        await using (var session = app.Store.QuerySession("kab-bekasi"))
            (await session.LoadAsync<ProgressReceiptState>(receiptId))!.Status.ShouldBe(ProgressReceiptStatus.Cancelled);
        app.PolicyViolations.ShouldBeEmpty();
    }

    private async Task<List<OutgoingLetterDeliveryProgressed>> ProgressAsync(Guid letter)
    {
        await using var session = app.Store.QuerySession("kota-bekasi");
        return (await session.LoadAsync<OutgoingLetterView>(letter))?.Progress ?? [];
    }

    private async Task<EnvelopeState?> StateAsync(Guid id)
    {
        await using var session = app.Store.QuerySession("kota-bekasi");
        return await session.LoadAsync<EnvelopeState>(id);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("not reached within 60 s");
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
