using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Arsip.IntegrationTests.Correspondence;

/// <summary>The receiving side goes down with a delivery in flight; after a restart the letter arrives exactly once.</summary>
public class DeliveryRestartTests
{
    [Fact]
    public async Task A_delivery_in_flight_when_the_receiver_stops_arrives_exactly_once_after_restart()
    {
        string number;
        Guid letterId;
        string database;
        await using (var before = new ReceiverDownApp())
        {
            await before.InitializeAsync();
            await before.ResetAsync();
            database = before.ConnectionString;

            var analis = await before.SignInAsync("analis");
            var chart = (await (await before.SignInAsync("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
            var created = await analis.PostAsJsonAsync("/api/outgoing-letters", new
            {
                kind = "SuratDinas", classification = "100.3", securityLevel = "Biasa", urgency = "Biasa",
                subject = "Permohonan Data Produk Hukum Daerah", body = "Dengan hormat, kami mohon data produk hukum daerah tahun 2026.",
                addressees = new[] { new { name = "Kepala Bagian Hukum", agency = "kota-tangerang" } },
                reviewers = Array.Empty<Guid>(),
                signatoryPositionId = chart.Positions.Single(p => p.Title == "Sekretaris Daerah").Id,
            });
            letterId = (await created.Content.ReadFromJsonAsync<DraftOutgoingLetterResponse>(ArsipApp.Json))!.Id;
            (await analis.PostAsJsonAsync($"/api/outgoing-letters/{letterId}/submit", new { })).EnsureSuccessStatusCode();
            var signed = await (await before.SignInAsync("sekda")).PostAsJsonAsync($"/api/outgoing-letters/{letterId}/sign", new { });
            number = (await signed.Content.ReadFromJsonAsync<SignOutgoingLetterResponse>(ArsipApp.Json))!.LetterNumber;
            (await analis.PostAsJsonAsync($"/api/outgoing-letters/{letterId}/dispatch", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

            // The receiver failed mid-delivery: nothing registered, the delivery waits in the durable inbox for its retry.
            var waiting = DateTime.UtcNow.AddSeconds(30);
            while (await PendingDeliveriesAsync(database) == 0 && DateTime.UtcNow < waiting) await Task.Delay(100);
            (await PendingDeliveriesAsync(database)).ShouldBe(1);
            (await DeliveredCountAsync(database, number)).ShouldBe(0);
        } // the node stops with the delivery unhandled

        await using var after = new IsolatedApp { ExistingDatabase = database };
        await after.InitializeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await DeliveredCountAsync(database, number) == 0 && DateTime.UtcNow < deadline) await Task.Delay(250);

        (await DeliveredCountAsync(database, number)).ShouldBe(1);
        await Task.Delay(1000); // give a duplicate every chance to show up
        (await DeliveredCountAsync(database, number)).ShouldBe(1);
        var sender = await after.SignInAsync("analis");
        while ((await sender.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{letterId}", ArsipApp.Json))!.Receipts.Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        (await sender.GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{letterId}", ArsipApp.Json))!.Receipts.Single().Agency.ShouldBe("kota-tangerang");
    }

    private static async Task<long> DeliveredCountAsync(string database, string number)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from arsip.mt_doc_incomingletterview where tenant_id = 'kota-tangerang' and data->>'SenderLetterNumber' = $1", connection)
        { Parameters = { new() { Value = number } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> PendingDeliveriesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*) from arsip.wolverine_incoming_envelopes where message_type = 'Arsip.Correspondence.DeliverLetter' and status <> 'Handled'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>A node whose receiving side fails every delivery, as if it crashed while registering.</summary>
public sealed class ReceiverDownApp : ArsipApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureWolverine(o => o.Policies.ForMessagesOfType<DeliverLetter>().AddMiddleware(typeof(ReceiverDown))));
    }
}

public static class ReceiverDown
{
    public static void Before(DeliverLetter _) => throw new IOException("The receiving side is down.");
}
