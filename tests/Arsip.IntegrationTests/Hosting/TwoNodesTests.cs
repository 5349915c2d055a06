using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.Records;
using Arsip.Search;
using Arsip.Searching;

namespace Arsip.IntegrationTests.Hosting;

/// <summary>Two real server processes on one database, each with its own data folder, blobs in PostgreSQL: what one node
/// received, the other serves and finds by the words in it; the words are read from the file once for both; a reindex asked of
/// one rebuilds both.</summary>
public class TwoNodesTests
{
    private const string Agency = "kota-bekasi";

    [Fact]
    public async Task A_scan_received_by_one_node_is_downloaded_from_the_other_and_found_there_by_a_word_inside_it()
    {
        var seed = new KeptDataApp();
        await seed.InitializeAsync();
        var connectionString = seed.ConnectionString;
        await seed.ResetAsync(); // the sample agencies and people
        await seed.DisposeAsync();
        var folders = new[] { Path.Combine(Path.GetTempPath(), $"arsip-node-a-{Guid.NewGuid():N}"), Path.Combine(Path.GetTempPath(), $"arsip-node-b-{Guid.NewGuid():N}") };
        var urls = folders.Select(_ => $"http://127.0.0.1:{ServerProcess.FreePort()}").ToArray();
        var anchorKey = Path.Combine(Path.GetTempPath(), $"arsip-anchor-{Guid.NewGuid():N}.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(anchorKey, key.ExportPkcs8PrivateKeyPem());
        var cookieKey = Path.Combine(Path.GetTempPath(), $"arsip-cookie-key-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(cookieKey, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        string[] Arguments(int node) => ["--urls", urls[node], $"--ConnectionStrings:Arsip={connectionString}", $"--Arsip:DataDirectory={folders[node]}", "--Arsip:Blobs:Store=postgres",
            "--Arsip:SignIn:AddressFailures=4"];
        // each node its own home, so ASP.NET's per-machine key folders differ: only the shared ring lets one read the other's cookies
        Dictionary<string, string> Machine(int node) => new() { ["HOME"] = folders[node] };
        try
        {
            // one anchor key for the installation: a node of several without it refuses to start
            var (exit, output) = await ServerProcess.RunAsync(Arguments(0));
            exit.ShouldBe(2, output);
            output.ShouldContain("Arsip:Audit:AnchorKeyFile");

            // nor without the one cookie key
            (exit, output) = await ServerProcess.RunAsync([.. Arguments(0), $"--Arsip:Audit:AnchorKeyFile={anchorKey}"], Machine(0));
            exit.ShouldBe(2, output);
            output.ShouldContain("Arsip:DataProtection:KeyFile");

            await using var a = ServerProcess.Start([.. Arguments(0), $"--Arsip:Audit:AnchorKeyFile={anchorKey}", $"--Arsip:DataProtection:KeyFile={cookieKey}"], Machine(0));
            await using var b = ServerProcess.Start([.. Arguments(1), $"--Arsip:Audit:AnchorKeyFile={anchorKey}", $"--Arsip:DataProtection:KeyFile={cookieKey}"], Machine(1));
            (await a.HealthAsync(urls[0])).Status.ShouldBe(HttpStatusCode.OK);
            (await b.HealthAsync(urls[1])).Status.ShouldBe(HttpStatusCode.OK);

            // a session cookie from node A is good on node B, and so is a form's antiforgery token
            var cookies = new CookieContainer(); // cookies ignore the port: what A sets, the client sends to B
            using (var toA = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(urls[0]) })
            using (var toB = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(urls[1]) })
            {
                var page = await toA.GetStringAsync("/masuk");
                var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
                token.ShouldNotBeEmpty(page);
                var signedIn = await toB.PostAsync("/masuk", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = token, ["agency"] = Agency, ["userName"] = "registrar", ["password"] = ArsipApp.DemoPassword,
                }));
                signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"node B refused node A's antiforgery token: {await signedIn.Content.ReadAsStringAsync()}\n{Tail(b.Output)}");
                (await toA.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "node B's cookie on node A");
            }
            var apiCookies = new CookieContainer();
            using (var toA = new HttpClient(new HttpClientHandler { CookieContainer = apiCookies }) { BaseAddress = new Uri(urls[0]) })
            using (var toB = new HttpClient(new HttpClientHandler { CookieContainer = apiCookies }) { BaseAddress = new Uri(urls[1]) })
            {
                (await toA.PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName = "admin", password = ArsipApp.DemoPassword })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
                var me = await toB.GetAsync("/api/me");
                me.StatusCode.ShouldBe(HttpStatusCode.OK, "node A's cookie on node B");
                (await me.Content.ReadAsStringAsync()).ShouldContain("Administrator");
            }
            using var onA = await SignInAsync(urls[0], "registrar");
            using var onB = await SignInAsync(urls[1], "registrar");

            var scan = TestPdfs.Letter("Pengadaan alat ukur zirkonium untuk laboratorium lingkungan hidup.");
            using var form = new MultipartFormDataContent
            {
                { new StringContent(JsonSerializer.Serialize(RegisteringIncomingLettersTests.Letter("NODE/A/1"), ArsipApp.Json), System.Text.Encoding.UTF8, "application/json"), "letter" },
            };
            var part = new ByteArrayContent(scan);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(part, "scan", "pindaian.pdf");
            var response = await onA.PostAsync("/api/incoming-letters/with-scan", form);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var created = (await response.Content.ReadFromJsonAsync<RegisterIncomingLetterWithScanResponse>(ArsipApp.Json))!;

            (await onB.GetByteArrayAsync($"/api/incoming-letters/{created.Id}/attachments/{created.Scan.Sha256}")).ShouldBe(scan);
            foreach (var folder in folders)
                Directory.EnumerateFiles(folder, created.Scan.Sha256, SearchOption.AllDirectories).ShouldBeEmpty("the blob lives in the database, not on a node");

            // node B's own index gets the scan's text from the shared store (the word is only in the scan)
            var deadline = DateTime.UtcNow.AddMinutes(2);
            SearchResult? found;
            while ((found = await onB.GetFromJsonAsync<SearchResult>("/api/search?q=zirkonium", ArsipApp.Json))!.Hits.All(h => h.Id != created.Id))
            {
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"node B never found the scan's word:\n{Tail(b.Output)}");
                await Task.Delay(200);
            }
            found.Hits.ShouldContain(h => h.Id == created.Id);

            // a reindex asked of node B rebuilds both indexes; node A shows where each stands
            using var adminOnA = await SignInAsync(urls[0], "admin");
            using var adminOnB = await SignInAsync(urls[1], "admin");
            var requested = await adminOnB.PostAsync("/api/search/reindex", null);
            requested.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            var request = (await requested.Content.ReadFromJsonAsync<ReindexStatus>(ArsipApp.Json))!.Request;
            deadline = DateTime.UtcNow.AddMinutes(2);
            ReindexStatus status;
            while ((status = (await adminOnA.GetFromJsonAsync<ReindexStatus>("/api/search/reindex", ArsipApp.Json))!).Nodes
                   .Count(n => folders.Any(f => n.Node.Contains(f, StringComparison.Ordinal)) && n.ReindexRequest == request && !n.Rebuilding) < 2)
            {
                if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"not both nodes rebuilt: {JsonSerializer.Serialize(status)}\n{Tail(a.Output)}\n{Tail(b.Output)}");
                await Task.Delay(200);
            }
            (await onB.GetFromJsonAsync<SearchResult>("/api/search?q=zirkonium", ArsipApp.Json))!.Hits.ShouldContain(h => h.Id == created.Id);
            using var health = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "Accept", "application/json" } } };
            var report = await (await onB.SendAsync(health)).Content.ReadFromJsonAsync<JsonElement>();
            var index = report.GetProperty("checks").GetProperty("search-index").GetProperty("data");
            index.GetProperty("node").GetString()!.ShouldContain(folders[1]);
            index.GetProperty("behind").GetInt64().ShouldBeGreaterThanOrEqualTo(0);

            // both nodes indexed the scan, twice each (before and after the reindex): its text was extracted once, for both
            var extracted = $"Text of attachment {created.Scan.Sha256} extracted";
            (CountOf(a.Output, extracted) + CountOf(b.Output, extracted)).ShouldBe(1, $"{Tail(a.Output)}\n{Tail(b.Output)}");

            // failed sign-ins count on every node: an attacker alternating between them gets no more attempts than on one
            using var anonymousOnA = new HttpClient { BaseAddress = new Uri(urls[0]) };
            using var anonymousOnB = new HttpClient { BaseAddress = new Uri(urls[1]) };
            for (var i = 0; i < 4; i++)
                (await (i % 2 == 0 ? anonymousOnA : anonymousOnB).PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName = $"tebakan.{i}", password = "salah-sandi-123" }))
                    .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"attempt {i + 1}");
            foreach (var node in new[] { anonymousOnA, anonymousOnB })
                (await node.PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName = "registrar", password = ArsipApp.DemoPassword }))
                    .StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, $"{node.BaseAddress}: the address's failures on both nodes");
        }
        finally
        {
            foreach (var folder in folders.Append(seed.KeptDataDirectory).Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
            File.Delete(anchorKey);
            File.Delete(cookieKey);
        }
    }

    private static async Task<HttpClient> SignInAsync(string url, string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = Agency, userName, password = ArsipApp.DemoPassword });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return client;
    }

    private static int CountOf(string output, string line) => output.Split('\n').Count(l => l.Contains(line, StringComparison.Ordinal));

    private static string Tail(string output) => output.Length > 6000 ? output[^6000..] : output;
}
