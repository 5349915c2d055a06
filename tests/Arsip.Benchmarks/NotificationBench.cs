using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using netDumbster.smtp;
using Npgsql;

namespace Arsip.Bench;

/// <summary>
/// Issue 22: issuing a disposition (POST, sekda to two Kepala Bagian who both chose immediate mail) with mail on, to a real
/// SMTP server on loopback (netDumbster), beside the same run with mail off: the mail leaves from the outbox after the
/// commit, so the POST's p50 should not move. Also how long until every mail of the run was received.
/// </summary>
public sealed class NotificationBench : IBench
{
    public string Name => "notifications";

    public async Task<IReadOnlyList<BenchRow>> RunAsync(BenchContext context)
    {
        var server = Environment.GetEnvironmentVariable("ARSIP_BENCH_DB")
            ?? throw new InvalidOperationException("Set ARSIP_BENCH_DB to a PostgreSQL server connection string (ops/bench does).");
        var count = context.Quick ? 100 : 500;
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        var on = await IssueAsync(server, "on", count, new Dictionary<string, string>
        {
            ["Arsip:Mail:Host"] = "127.0.0.1", ["Arsip:Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Arsip:Mail:Security"] = "None",
        }, () => smtp.ReceivedEmailCount, context);
        var off = await IssueAsync(server, "off", count, new Dictionary<string, string>(), () => 0, context);
        var (onP50, offP50) = (Measure.Percentile(on.Latencies, 50), Measure.Percentile(off.Latencies, 50));
        return
        [
            new("Notifications", $"issue a disposition to 2 people with immediate mail, {count} POSTs (p50 / p95)", "latency",
                $"mail on: {Measure.Ms(onP50)} / {Measure.Ms(Measure.Percentile(on.Latencies, 95))}",
                $"mail off: {Measure.Ms(offP50)} / {Measure.Ms(Measure.Percentile(off.Latencies, 95))}", "p50 within 20% of off", onP50 <= offP50 * 1.2),
            new("Notifications", $"every mail of the run received by the SMTP server ({(count + 10) * 2} mails, warm-up included)", "time after the last POST",
                on.MailsAfter is { } after ? $"{after.TotalSeconds:0.0} s" : "not all within 120 s", "-", "< 60 s", on.MailsAfter is { TotalSeconds: < 60 }),
        ];
    }

    private sealed record Run(double[] Latencies, TimeSpan? MailsAfter);

    private static async Task<Run> IssueAsync(string server, string name, int count, Dictionary<string, string> settings, Func<int> received, BenchContext context)
    {
        var database = $"arsip_bench_notify_{name}_{Environment.ProcessId}";
        var connectionString = await CorrespondenceBench.CreateDatabaseAsync(server, database);
        try
        {
            await using var host = new CorrespondenceBench.BenchHost(connectionString, Path.Combine(context.WorkDir, $"notify-{name}"), settings);
            var admin = await host.SignedInClientAsync("admin", "kota-bekasi");
            var chart = await admin.GetFromJsonAsync<JsonElement>("/api/organization");
            Guid PositionOf(string user) => chart.GetProperty("people").EnumerateArray().Single(p => p.GetProperty("userName").GetString() == user).GetProperty("positionId").GetGuid();
            foreach (var user in new[] { "kabag.hukum", "kabag.umum" })
            {
                var client = await host.SignedInClientAsync(user, "kota-bekasi");
                (await client.PutAsJsonAsync("/api/me/notifications", new { email = $"{user}@bekasikota.go.id", delivery = "Immediately" })).EnsureSuccessStatusCode();
            }
            var registrar = await host.SignedInClientAsync("registrar", "kota-bekasi");
            var sekda = await host.SignedInClientAsync("sekda", "kota-bekasi");
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd");
            var letters = new List<Guid>();
            for (var i = 0; i < count + 10; i++)
            {
                var response = await registrar.PostAsJsonAsync("/api/incoming-letters", new
                {
                    sender = "Badan Kepegawaian Negara", senderLetterNumber = $"B/{i}/{name}", letterDate = today, receivedOn = today,
                    subject = $"Permohonan data kepegawaian {i}", classification = "800.1", securityLevel = "Biasa", urgency = "Biasa",
                    addresseePositionId = PositionOf("sekda"),
                });
                response.EnsureSuccessStatusCode();
                letters.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }
            var slip = new
            {
                recipients = new[] { new { positionId = PositionOf("kabag.hukum"), lead = true }, new { positionId = PositionOf("kabag.umum"), lead = false } },
                instructions = new[] { "TINDAK_LANJUTI" }, note = "Segera ditindaklanjuti", deadline = DateTimeOffset.UtcNow.AddDays(3),
            };
            var index = 0;
            var latencies = Measure.Latencies(10, count, () =>
            {
                var response = sekda.PostAsJsonAsync($"/api/letters/{letters[index++]}/dispositions", slip).GetAwaiter().GetResult();
                if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"issue failed: {(int)response.StatusCode}");
            });
            var last = Stopwatch.StartNew();
            var expected = (count + 10) * 2;
            while (received() < expected && last.Elapsed < TimeSpan.FromSeconds(120) && settings.Count > 0) await Task.Delay(100);
            context.Log.WriteLine($"notifications ({name}): {received()} of {(settings.Count > 0 ? expected : 0)} mails received");
            return new Run(latencies, settings.Count > 0 && received() >= expected ? last.Elapsed : null);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await CorrespondenceBench.DropDatabaseAsync(server, database);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
