using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Hosting;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.Records;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Files = Arsip.IntegrationTests.Attachments.Samples;

namespace Arsip.IntegrationTests.Records;

/// <summary>An in-process host whose data folder (blobs) outlives it: a server process started afterwards serves the same files.</summary>
public sealed class KeptDataApp : ArsipApp
{
    public string KeptDataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"arsip-crash-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:DataDirectory", KeptDataDirectory);
    }
}

/// <summary>
/// A disposal's execution survives kill -9: a real server process runs the durable batches (one berkas each), is killed
/// while they run, and once restarted finishes on its own, destroying every berkas exactly once.
/// </summary>
public class DisposalCrashTests
{
    private const string Agency = "kota-bekasi";
    private const int CaseFiles = 40;
    private const int LettersPerCaseFile = 2;

    private sealed record Seeded(Guid Disposal, Guid[] CaseFiles, Dictionary<Guid, string> Subjects, string[] Scans);

    [Fact]
    public async Task A_server_killed_while_batches_run_finishes_the_disposal_after_restart_destroying_each_berkas_exactly_once()
    {
        var seedApp = new KeptDataApp();
        var data = seedApp.KeptDataDirectory;
        try
        {
            await seedApp.InitializeAsync();
            var connectionString = seedApp.ConnectionString;
            Seeded seeded;
            try
            {
                seeded = await SeedAsync(seedApp);
            }
            finally
            {
                await seedApp.DisposeAsync(); // its node leaves: only the server process below runs the batches
            }
            foreach (var sha in seeded.Scans) BlobExists(data, sha).ShouldBeTrue("the scans are on disk before the execution");

            var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
            string[] arguments = ["--urls", url, $"--ConnectionStrings:Arsip={connectionString}", $"--Arsip:DataDirectory={data}"];
            var environment = new Dictionary<string, string> { ["Arsip__Records__DisposalBatchSize"] = "1", ["Arsip__Durability__StaleNodeTimeout"] = "00:00:05", ["Arsip__Durability__HealthCheckPollingTime"] = "00:00:02" };

            int destroyedAtKill;
            await using (var server = ServerProcess.Start(arguments, environment))
            {
                (await server.HealthAsync(url)).Status.ShouldBe(HttpStatusCode.OK);
                using var arsiparis = await SignInAsync(url, "arsiparis");
                var started = await arsiparis.PostAsJsonAsync($"/api/disposals/{seeded.Disposal}/execute", new { });
                started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());

                // kill -9 as soon as the first batches committed and while more are waiting
                await PollAsync(async () => await DestroyedCountAsync(connectionString, seeded.Disposal) > 0, TimeSpan.FromMinutes(3), () => $"no batch committed:\n{Tail(server.Output)}");
                await server.KillAsync();
                destroyedAtKill = await DestroyedCountAsync(connectionString, seeded.Disposal);
            }
            destroyedAtKill.ShouldBeInRange(1, CaseFiles - 1, "killed while batches were still to run (a machine so fast it finished first needs more berkas here)");
            (await CountAsync(connectionString, "select count(*) from arsip.mt_events where stream_id = $1 and type = 'disposal_completed'", seeded.Disposal)).ShouldBe(0);

            await using (var restarted = ServerProcess.Start(arguments, environment))
            {
                (await restarted.HealthAsync(url)).Status.ShouldBe(HttpStatusCode.OK);
                // nobody asks again: the durable batch message the killed node left behind resumes on the restarted one
                await PollAsync(async () => await CountAsync(connectionString,
                        "select count(*) from arsip.mt_events where stream_id = $1 and type = 'disposal_completed'", seeded.Disposal) == 1,
                    TimeSpan.FromMinutes(5), () => $"the disposal did not complete after the restart:\n{Tail(restarted.Output)}");
                await PollAsync(() => Task.FromResult(seeded.Scans.All(sha => !BlobExists(data, sha))), TimeSpan.FromMinutes(1), () => "the scans of destroyed letters are still on disk");

                // one CaseFileDestroyed per berkas, one tombstone per letter
                var destroyedPerFile = await CountsAsync(connectionString,
                    "select (data->>'CaseFileId')::uuid, count(*) from arsip.mt_events where type = 'case_file_destroyed' and data->>'ProposalId' = $1::text group by 1", seeded.Disposal);
                destroyedPerFile.Keys.Order().ShouldBe(seeded.CaseFiles.Order());
                destroyedPerFile.Values.ShouldAllBe(n => n == 1);
                var tombstones = await CountsAsync(connectionString,
                    "select stream_id, count(*) from arsip.mt_events where type = 'incoming_letter_content_destroyed' and data->>'DisposalId' = $1::text group by 1", seeded.Disposal);
                tombstones.Keys.Order().ShouldBe(seeded.Subjects.Keys.Order());
                tombstones.Values.ShouldAllBe(n => n == 1);

                // the berita acara lists exactly the destroyed letters, each once
                using var arsiparis = await SignInAsync(url, "arsiparis");
                var detail = (await arsiparis.GetFromJsonAsync<DisposalDetail>($"/api/disposals/{seeded.Disposal}", ArsipApp.Json))!;
                detail.Disposal.Status.ShouldBe(DisposalStatus.Completed);
                detail.Disposal.Destroyed.Select(d => d.CaseFileId).Order().ShouldBe(seeded.CaseFiles.Order());
                detail.Disposal.Destroyed.SelectMany(d => d.Letters).Select(l => l.LetterId).Order().ShouldBe(seeded.Subjects.Keys.Order());
                var report = Text(await arsiparis.GetByteArrayAsync($"/api/disposals/{seeded.Disposal}/berita-acara.pdf"));
                foreach (var subject in seeded.Subjects.Values)
                    Regex.Matches(report, Regex.Escape(subject)).Count.ShouldBe(1, subject);
            }

            // every chain intact, as the operator's verify command checks it
            var (exit, output) = await ServerProcess.RunAsync(["verify", "--agency", Agency, $"--ConnectionStrings:Arsip={connectionString}", $"--Arsip:DataDirectory={data}"]);
            exit.ShouldBe(0, output);
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Berkas of Bagian Umum closed in 2015 (retention ended), each with letters that carry a scan; proposed, assessed and approved.</summary>
    private static async Task<Seeded> SeedAsync(KeptDataApp app)
    {
        await app.ResetAsync();
        using var admin = await app.SignInAsync("admin");
        using var registrar = await app.SignInAsync("registrar");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var unit = chart.Units.Single(u => u.Code == "Umum").Id;
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");

        var subjects = new Dictionary<Guid, string>();
        var scans = new List<string>();
        var caseFiles = new List<Guid>();
        for (var f = 0; f < CaseFiles; f++)
        {
            var letters = new List<Guid>();
            for (var l = 0; l < LettersPerCaseFile; l++)
            {
                var subject = $"Musnah terputus {f}-{l} {Guid.NewGuid():N}"[..30];
                var registered = await registrar.PostAsJsonAsync("/api/incoming-letters", new
                {
                    sender = "Dinas Perhubungan", senderLetterNumber = $"DSP/{Guid.NewGuid():N}"[..20], letterDate = today, receivedOn = today, subject,
                    classification = "000.1", securityLevel = "Biasa", urgency = "Biasa",
                });
                registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
                var letter = (await registered.Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
                var scan = Files.Png();
                var uploaded = await registrar.PostAsync($"/api/incoming-letters/{letter}/attachments", Files.Form("scan", (scan, "pindaian.png", "image/png")));
                uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
                subjects[letter] = subject;
                scans.Add(Files.Sha256(scan));
                letters.Add(letter);
            }
            caseFiles.Add(await RecordsSeed.CaseFileAsync(app, unit, "000.1", letters, new DateOnly(2015, 1, 10)));
        }

        Guid Person(string userName) => chart.People.Single(p => p.UserName == userName).Id;
        string[] committee = ["kabag.umum", "arsiparis", "kasubbag.tu"];
        using var arsiparis = await app.SignInAsync("arsiparis");
        var proposed = await arsiparis.PostAsJsonAsync("/api/disposals", new { caseFileIds = caseFiles, committee = committee.Select(Person).ToArray() }, ArsipApp.Json);
        proposed.StatusCode.ShouldBe(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var disposal = (await proposed.Content.ReadFromJsonAsync<DisposalProposedResponse>(ArsipApp.Json))!.Id;
        foreach (var member in committee)
        {
            using var client = await app.SignInAsync(member);
            var assessed = await client.PostAsJsonAsync($"/api/disposals/{disposal}/assessments",
                new { assessments = caseFiles.Select(f => new { caseFileId = f, verdict = "Agree" }).ToArray() }, ArsipApp.Json);
            assessed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await assessed.Content.ReadAsStringAsync());
        }
        using var head = await app.SignInAsync("walikota");
        var approved = await head.PostAsJsonAsync($"/api/disposals/{disposal}/approve", new { });
        approved.StatusCode.ShouldBe(HttpStatusCode.NoContent, await approved.Content.ReadAsStringAsync());
        return new(disposal, [.. caseFiles], subjects, [.. scans]);
    }

    private static async Task<HttpClient> SignInAsync(string url, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName, password = ArsipApp.DemoPassword });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>A bound on waiting, not a speed claim.</summary>
    private static async Task PollAsync(Func<Task<bool>> done, TimeSpan bound, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException(failure());
            await Task.Delay(20);
        }
    }

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;

    private static Task<int> DestroyedCountAsync(string connectionString, Guid disposal) =>
        CountAsync(connectionString, "select count(*) from arsip.mt_events where type = 'case_file_destroyed' and data->>'ProposalId' = $1::text", disposal);

    private static async Task<int> CountAsync(string connectionString, string sql, Guid parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private static async Task<Dictionary<Guid, long>> CountsAsync(string connectionString, string sql, Guid parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        var counts = new Dictionary<Guid, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) counts[reader.GetGuid(0)] = reader.GetInt64(1);
        return counts;
    }

    private static bool BlobExists(string data, string sha256) =>
        File.Exists(Path.Combine(data, "blobs", sha256[..2], sha256[2..4], sha256));

    private static string Text(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"arsip-crash-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, ArgumentList = { path, "-" } };
            using var process = Process.Start(info)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            process.ExitCode.ShouldBe(0);
            return Regex.Replace(text, @"\s+", " ");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
