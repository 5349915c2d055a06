using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.Records;
using Arsip.Organization;
using Npgsql;

namespace Arsip.IntegrationTests.Hosting;

/// <summary>Two real server processes on one database; 8 clients register on both at once, node A is killed with -9 under that load:
/// node B keeps serving, every acknowledged letter is there, the agenda book has no gap, and a disposition reminder that falls due
/// while A is gone fires once (on B).</summary>
public class FailoverTests
{
    private const string Agency = "kota-bekasi";
    private const int Clients = 8;

    private sealed record Acknowledged(Guid Id, int AgendaNumber, int Node, bool AfterKill);

    [Fact]
    public async Task Node_A_killed_under_load_leaves_B_serving_with_nothing_acknowledged_lost_a_gapless_book_and_one_reminder()
    {
        var seed = new KeptDataApp();
        await seed.InitializeAsync();
        var connectionString = seed.ConnectionString;
        await seed.ResetAsync();
        await seed.DisposeAsync();
        var folders = new[] { Path.Combine(Path.GetTempPath(), $"arsip-failover-a-{Guid.NewGuid():N}"), Path.Combine(Path.GetTempPath(), $"arsip-failover-b-{Guid.NewGuid():N}") };
        var urls = folders.Select(_ => $"http://127.0.0.1:{ServerProcess.FreePort()}").ToArray();
        var keys = Path.Combine(Path.GetTempPath(), $"arsip-failover-keys-{Guid.NewGuid():N}");
        Directory.CreateDirectory(keys);
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(Path.Combine(keys, "anchor.pem"), key.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(keys, "cookie.key"), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        string[] Arguments(int node) => ["--urls", urls[node], $"--ConnectionStrings:Arsip={connectionString}", $"--Arsip:DataDirectory={folders[node]}",
            "--Arsip:Blobs:Store=postgres", $"--Arsip:Audit:AnchorKeyFile={Path.Combine(keys, "anchor.pem")}", $"--Arsip:DataProtection:KeyFile={Path.Combine(keys, "cookie.key")}"];
        // a node killed with -9 counts as gone after 5 s (the crash tests' settings), so B takes over its durable work
        Dictionary<string, string> Environment(int node) => new()
        {
            ["HOME"] = folders[node], ["Arsip__Durability__StaleNodeTimeout"] = "00:00:05", ["Arsip__Durability__HealthCheckPollingTime"] = "00:00:02",
        };
        try
        {
            var a = ServerProcess.Start(Arguments(0), Environment(0));
            await using var b = ServerProcess.Start(Arguments(1), Environment(1));
            try
            {
                (await a.HealthAsync(urls[0])).Status.ShouldBe(HttpStatusCode.OK);
                (await b.HealthAsync(urls[1])).Status.ShouldBe(HttpStatusCode.OK);

                // a disposition issued on A whose reminder (4 h before the deadline) falls due while A is gone
                using var adminOnA = await SignInAsync(urls[0], "admin");
                var chart = (await adminOnA.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
                Guid PositionOf(string user) => chart.People.Single(p => p.UserName == user).PositionId!.Value;
                using var registrarOnA = await SignInAsync(urls[0], "registrar");
                var letter = await registrarOnA.PostAsJsonAsync("/api/incoming-letters", new
                {
                    sender = "Badan Kepegawaian Negara", senderLetterNumber = "FAILOVER/1", letterDate = "2026-11-20", receivedOn = "2026-11-23",
                    subject = "Permohonan data kepegawaian", classification = "800.1", securityLevel = "Biasa", urgency = "Segera", addresseePositionId = PositionOf("sekda"),
                });
                letter.StatusCode.ShouldBe(HttpStatusCode.Created, await letter.Content.ReadAsStringAsync());
                var letterId = (await letter.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
                using var sekdaOnA = await SignInAsync(urls[0], "sekda");

                // 8 clients, 4 on each node, register at once; a client of A that loses its node goes on at B (as a load balancer would send it)
                var acknowledged = new ConcurrentBag<Acknowledged>();
                var killed = false;
                using var stop = new CancellationTokenSource();
                var sent = 0;
                async Task ClientAsync(int client)
                {
                    var node = client % 2;
                    var cookies = new CookieContainer();
                    HttpClient To(int n) => new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(urls[n]), Timeout = TimeSpan.FromSeconds(30) };
                    var http = To(node);
                    (await http.PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName = "registrar", password = ArsipApp.DemoPassword })).EnsureSuccessStatusCode();
                    while (!stop.IsCancellationRequested)
                    {
                        var afterKill = Volatile.Read(ref killed);
                        try
                        {
                            var number = $"FO/{client}/{Interlocked.Increment(ref sent)}";
                            var response = await http.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter(number));
                            if (response.StatusCode != HttpStatusCode.Created)
                                throw new Xunit.Sdk.XunitException($"node {node}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                            var created = (await response.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!;
                            acknowledged.Add(new Acknowledged(created.Id, created.AgendaNumber, node, afterKill));
                        }
                        catch (Exception e) when (node == 0 && Volatile.Read(ref killed) && e is HttpRequestException or TaskCanceledException or IOException)
                        {
                            http.Dispose();
                            http = To(node = 1); // the session cookie is good on B too (one key ring)
                        }
                    }
                    http.Dispose();
                }
                var load = Enumerable.Range(0, Clients).Select(ClientAsync).ToArray();
                var warm = DateTime.UtcNow.AddMinutes(2);
                while (acknowledged.Count(x => x.Node == 0) < 20 || acknowledged.Count(x => x.Node == 1) < 20)
                {
                    if (DateTime.UtcNow > warm || load.Any(t => t.IsFaulted)) throw new Xunit.Sdk.XunitException($"not both nodes registering: {acknowledged.Count(x => x.Node == 0)} on A, {acknowledged.Count(x => x.Node == 1)} on B");
                    await Task.Delay(100);
                }

                var remindAt = DateTimeOffset.UtcNow.AddSeconds(15); // A dies right after and counts as gone 5 s later
                var issued = await sekdaOnA.PostAsJsonAsync($"/api/letters/{letterId}/dispositions", new
                {
                    recipients = new[] { new { positionId = PositionOf("kabag.hukum"), lead = true } }, instructions = new[] { "TINDAK_LANJUTI" },
                    note = "Segera ditindaklanjuti", deadline = remindAt + TimeSpan.FromHours(4),
                }, ArsipApp.Json);
                issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
                var disposition = (await issued.Content.ReadFromJsonAsync<IssueDispositionResponse>(ArsipApp.Json))!.Id;

                Volatile.Write(ref killed, true);
                await a.KillAsync();
                DateTimeOffset.UtcNow.ShouldBeLessThan(remindAt, "the reminder falls due after A's death");
                await Task.Delay(TimeSpan.FromSeconds(8));
                await stop.CancelAsync();
                await Task.WhenAll(load); // a client failing otherwise (B refusing, a 500) fails the test here

                acknowledged.Count(x => x.AfterKill && x.Node == 1).ShouldBeGreaterThan(0, "node B kept serving after A was killed");
                using var registrarOnB = await SignInAsync(urls[1], "registrar");
                foreach (var ack in acknowledged)
                {
                    var read = await registrarOnB.GetAsync($"/api/incoming-letters/{ack.Id}");
                    read.StatusCode.ShouldBe(HttpStatusCode.OK, $"acknowledged by node {ack.Node} and lost");
                    (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("agendaNumber").GetInt32().ShouldBe(ack.AgendaNumber);
                }
                var numbers = await AgendaNumbersAsync(connectionString);
                numbers.ShouldBe(Enumerable.Range(1, numbers.Count).ToList(), "the agenda book has no gap and no number twice");
                numbers.Count.ShouldBeGreaterThanOrEqualTo(acknowledged.Count + 1); // and the one letter of the disposition

                // the reminder was due while A was gone: B fires it, once
                var deadline = remindAt + TimeSpan.FromMinutes(2);
                while (await RemindersAsync(connectionString, disposition) == 0)
                {
                    if (DateTimeOffset.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"no reminder after A's death:\n{Tail(b.Output)}");
                    await Task.Delay(500);
                }
                await Task.Delay(TimeSpan.FromSeconds(10)); // a second firing would have had the time to land
                (await RemindersAsync(connectionString, disposition)).ShouldBe(1);
            }
            finally
            {
                await a.DisposeAsync();
            }
        }
        finally
        {
            foreach (var folder in folders.Append(seed.KeptDataDirectory).Append(keys).Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<HttpClient> SignInAsync(string url, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName, password = ArsipApp.DemoPassword });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return client;
    }

    private static async Task<List<int>> AgendaNumbersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (data->>'AgendaNumber')::int from arsip.mt_events where type = 'incoming_letter_registered' and tenant_id = $1 order by 1", connection)
        { Parameters = { new() { Value = Agency } } };
        var numbers = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) numbers.Add(reader.GetInt32(0));
        return numbers;
    }

    private static async Task<int> RemindersAsync(string connectionString, Guid disposition)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from arsip.mt_events where type = 'disposition_reminder_sent' and stream_id = $1", connection)
        { Parameters = { new() { Value = disposition } } };
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;
}
