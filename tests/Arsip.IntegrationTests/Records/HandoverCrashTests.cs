using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Arsip.Access;
using Arsip.Attachments;
using Arsip.IntegrationTests.Hosting;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Records;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arsip.IntegrationTests.Records;

/// <summary>Its own database and data folder: the in-process host is stopped mid-test so only the real server process works on them.</summary>
public sealed class HandoverCrashApp : ArsipApp;

/// <summary>kill -9 of a real server process in the middle of building a handover package: the restarted server finishes it on its own
/// (the durable message), the package verifies, and no half-written package is ever served.</summary>
public class HandoverCrashTests(HandoverCrashApp app) : HandoverTest(app), IClassFixture<HandoverCrashApp>
{
    private const int CaseFiles = 60;

    [Fact]
    public async Task A_build_killed_with_kill_9_is_finished_by_the_restarted_server_into_one_verifiable_package()
    {
        // 60 berkas of one letter each; the letter of the 56th berkas (in the package's order) has a scan
        var umum = await UnitAsync("Umum");
        var files = new List<Guid>();
        for (var i = 0; i < CaseFiles; i++) files.Add(await EndedAsync(umum, [await LetterAsync()]));
        List<CaseFile> ordered;
        await using (var query = App.Store.QuerySession("kota-bekasi"))
            ordered = (await query.LoadManyAsync<CaseFile>(files)).OrderBy(f => f.Year).ThenBy(f => f.Number).ToList();
        var stuck = ordered[55].Letters.Single().LetterId;
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent("scan"), "kind");
            var scan = new ByteArrayContent(TestPdfs.Letter("Peraturan daerah yang diserahkan"));
            scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(scan, "files", "pindaian.pdf");
            var added = await (await As("registrar")).PostAsync($"/api/incoming-letters/{stuck}/attachments", form);
            added.IsSuccessStatusCode.ShouldBeTrue(await added.Content.ReadAsStringAsync());
        }
        var id = await ProposeAsync([.. files]);
        // approved without a message to this host: the real server is the one to build it
        await using (var session = App.Store.LightweightSession("kota-bekasi"))
        {
            session.Events.Append(id, new HandoverApproved(id, Guid.NewGuid(), "walikota", "Wali Kota Bekasi", Today, App.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }
        var token = (await ReadAsync<IssuedApiToken>(await PostAsync("arsiparis", "/api/me/tokens", new { name = "uji kill -9" }))).Token;
        string scanSha;
        await using (var query = App.Store.QuerySession("kota-bekasi"))
            scanSha = (await query.LoadAsync<Arsip.Correspondence.IncomingLetterView>(stuck))!.Files.Single().Sha256;
        var blobPath = ((FileBlobStore)App.Services.GetRequiredService<IBlobStore>()).PathOf(scanSha)!;

        // the server's data folder: a copy of this host's blobs, keys and anchor log; the scan replaced by a FIFO, so the build
        // blocks when it reaches that file, after the first 50 berkas were written and their progress recorded
        var data = Path.Combine(Path.GetTempPath(), $"arsip-crash-{Guid.NewGuid():N}");
        foreach (var folder in new[] { "blobs", "keys", "anchors" })
            if (Directory.Exists(Path.Combine(App.DataDirectory, folder))) Copy(Path.Combine(App.DataDirectory, folder), Path.Combine(data, folder));
        var scanBytes = await File.ReadAllBytesAsync(blobPath);
        var serverBlob = Path.Combine(data, Path.GetRelativePath(App.DataDirectory, blobPath));
        File.Delete(serverBlob);
        Process.Start("mkfifo", [serverBlob])!.WaitForExit();
        var (runtime, owner) = (App.ConnectionString, App.OwnerConnectionString);
        await App.DisposeAsync(); // this host stops: it must not pick up the build the server is killed in

        var url = $"http://127.0.0.1:{ServerProcess.FreePort()}";
        string[] arguments = ["--urls", url, $"--ConnectionStrings:Arsip={runtime}", $"--ConnectionStrings:ArsipOwner={owner}", $"--Arsip:DataDirectory={data}",
            "--Arsip:Audit:AnchorSchedule=false", "--Arsip:Records:DueReminders=false",
            // the killed node counts as gone after seconds, not the default minute
            "--Arsip:Durability:StaleNodeTimeout=00:00:05", "--Arsip:Durability:HealthCheckPollingTime=00:00:02"];
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var packages = Path.Combine(data, "handovers", "kota-bekasi");
        try
        {
            await using (var first = ServerProcess.Start(arguments))
            {
                (await first.HealthAsync(url)).Status.ShouldBe(HttpStatusCode.OK, first.Output);
                (await http.PostAsJsonAsync($"/api/handovers/{id}/package", new { })).StatusCode.ShouldBe(HttpStatusCode.Accepted, first.Output);
                // started and not finished: 50 berkas recorded, the partial file on disk, the build blocked on the FIFO
                HandoverDetail detail;
                var bound = DateTime.UtcNow.AddMinutes(3); // a bound on waiting, not a speed claim
                while ((detail = (await http.GetFromJsonAsync<HandoverDetail>($"/api/handovers/{id}", ArsipApp.Json))!).Summary.Done < 50 && DateTime.UtcNow < bound)
                    await Task.Delay(200);
                detail.Summary.Status.ShouldBe(HandoverStatus.Building, first.Output);
                detail.Summary.Done.ShouldBe(50);
                Directory.GetFiles(packages).Select(Path.GetFileName).ShouldBe([$"{id}.1.partial"]);
                (await http.GetAsync($"/api/handovers/{id}/package")).StatusCode.ShouldBe(HttpStatusCode.Conflict); // nothing to serve yet
                await first.KillAsync();
            }
            File.Exists(Path.Combine(packages, $"{id}.1.partial")).ShouldBeTrue("the killed build left its half-written file");
            File.Delete(serverBlob);
            await File.WriteAllBytesAsync(serverBlob, scanBytes);

            await using (var second = ServerProcess.Start(arguments))
            {
                (await second.HealthAsync(url)).Status.ShouldBe(HttpStatusCode.OK, second.Output);
                // nobody asks again: the durable message is recovered from the dead node and the build starts over
                HandoverDetail detail;
                var bound = DateTime.UtcNow.AddMinutes(5); // a bound on waiting (the dead node is recognised as such first), not a speed claim
                while ((detail = (await http.GetFromJsonAsync<HandoverDetail>($"/api/handovers/{id}", ArsipApp.Json))!).Summary.Status != HandoverStatus.Built
                       && DateTime.UtcNow < bound)
                    await Task.Delay(500);
                detail.Summary.Status.ShouldBe(HandoverStatus.Built, second.Output);
                detail.Package!.CaseFiles.ShouldBe(CaseFiles);
                detail.Package.Records.ShouldBe(CaseFiles);
                Directory.GetFiles(packages).Select(Path.GetFileName).ShouldBe([$"{id}.zip"]); // the half-written one is gone

                var response = await http.GetAsync($"/api/handovers/{id}/package");
                response.StatusCode.ShouldBe(HttpStatusCode.OK);
                var package = Path.Combine(data, "downloaded.zip");
                await File.WriteAllBytesAsync(package, await response.Content.ReadAsByteArrayAsync());
                var (code, output) = Verify(package);
                code.ShouldBe(0, output);
                Entry(package, n => n.Contains($"records/{stuck}/files/")).ShouldStartWith("%PDF");
            }
            await using var connection = new NpgsqlConnection(owner);
            await connection.OpenAsync();
            await using var starts = new NpgsqlCommand("select count(*) from arsip.mt_events where stream_id = $1 and type = 'handover_package_started'", connection)
                { Parameters = { new() { Value = id } } };
            ((long)(await starts.ExecuteScalarAsync())!).ShouldBe(2, "the build started again once, after the kill");
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
