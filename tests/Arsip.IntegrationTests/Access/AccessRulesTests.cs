using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;

namespace Arsip.IntegrationTests.Access;

/// <summary>Each access rule, proven from the outside through HTTP.</summary>
public class AccessRulesTests(ArsipApp app) : ArsipTest(app)
{
    private async Task<Guid> PositionAsync(string title, string agency = "kota-bekasi")
    {
        var chart = await (await As("admin", agency)).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json);
        return chart!.Positions.Single(p => p.Title == title).Id;
    }

    private async Task<Guid> RegisterAsync(string number, string securityLevel, Guid? addressee, params Guid[] copies)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(RegisteringIncomingLettersTests.Letter(number, securityLevel: securityLevel), ArsipApp.Json)!.AsObject();
        body["addresseePositionId"] = addressee?.ToString();
        body["copyToPositionIds"] = new System.Text.Json.Nodes.JsonArray(copies.Select(c => (System.Text.Json.Nodes.JsonNode)c.ToString()).ToArray());
        var response = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).Id;
    }

    private async Task<HttpStatusCode> ReadStatusAsync(string user, Guid letter, string agency = "kota-bekasi") =>
        (await (await As(user, agency)).GetAsync($"/api/incoming-letters/{letter}")).StatusCode;

    private async Task<IReadOnlyList<string>> ListedNumbersAsync(string user) =>
        (await (await As(user)).GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?pageSize=200", ArsipApp.Json))!.Items.Select(l => l.SenderLetterNumber).ToList();

    [Fact]
    public async Task Without_credentials_the_API_answers_401()
    {
        (await Anonymous.GetAsync("/api/incoming-letters")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Anonymous.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Anonymous.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("X/1"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Open_letters_are_seen_by_the_addressed_unit_the_registering_unit_and_agency_wide_readers_only()
    {
        var kabagOr = await PositionAsync("Kepala Bagian Organisasi");
        var letter = await RegisterAsync("OPEN/1", "Biasa", kabagOr);

        foreach (var user in new[] { "kabag.or", "analis", "registrar", "auditor", "admin" })
            (await ReadStatusAsync(user, letter)).ShouldBe(HttpStatusCode.OK, user);
        (await ReadStatusAsync("kadinkes", letter)).ShouldBe(HttpStatusCode.NotFound);
        (await ListedNumbersAsync("kadinkes")).ShouldNotContain("OPEN/1");
        (await ListedNumbersAsync("analis")).ShouldContain("OPEN/1");
    }

    [Fact]
    public async Task Another_agency_never_sees_a_letter_not_even_its_auditor()
    {
        var letter = await RegisterAsync("TENANT/1", "Biasa", null);

        (await ReadStatusAsync("auditor", letter, "kab-bekasi")).ShouldBe(HttpStatusCode.NotFound);
        (await ReadStatusAsync("registrar", letter, "kab-bekasi")).ShouldBe(HttpStatusCode.NotFound);
        (await (await As("auditor", "kab-bekasi")).GetAsync($"/api/letters/{letter}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("registrar", "kab-bekasi")).GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters", ArsipApp.Json))!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task Secret_letters_are_seen_only_by_addressees_their_registrar_and_explicit_grants()
    {
        var kabagOr = await PositionAsync("Kepala Bagian Organisasi");
        var kabagHukum = await PositionAsync("Kepala Bagian Hukum");
        var letter = await RegisterAsync("SECRET/1", "Rahasia", kabagOr, kabagHukum);

        foreach (var user in new[] { "kabag.or", "kabag.hukum", "registrar" })
            (await ReadStatusAsync(user, letter)).ShouldBe(HttpStatusCode.OK, user);
        foreach (var user in new[] { "analis", "auditor", "admin", "sekda", "kadinkes" })
        {
            (await ReadStatusAsync(user, letter)).ShouldBe(HttpStatusCode.NotFound, user);
            (await ListedNumbersAsync(user)).ShouldNotContain("SECRET/1", user);
            (await (await As(user)).GetAsync($"/api/letters/{letter}/history")).StatusCode.ShouldBe(HttpStatusCode.NotFound, user);
        }
    }

    [Fact]
    public async Task An_acting_official_sees_what_the_position_sees_only_while_the_assignment_runs()
    {
        var kabagOr = await PositionAsync("Kepala Bagian Organisasi");
        var letter = await RegisterAsync("SECRET/PLH", "SangatRahasia", kabagOr);
        var chart = await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json);
        var kasubbag = chart!.People.Single(p => p.UserName == "kasubbag.tu").Id;
        (await ReadStatusAsync("kasubbag.tu", letter)).ShouldBe(HttpStatusCode.NotFound);

        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        var acting = await (await As("admin")).PostAsJsonAsync($"/api/organization/people/{kasubbag}/acting",
            new { positionId = kabagOr, kind = "Plh", from = today, until = today.AddDays(2) });
        acting.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // One acting official per position on any day: another one on overlapping days is refused, the same one again is not.
        var analis = chart.People.Single(p => p.UserName == "analis").Id;
        var overlapping = await (await As("admin")).PostAsJsonAsync($"/api/organization/people/{analis}/acting",
            new { positionId = kabagOr, kind = "Plt", from = today.AddDays(2), until = today.AddDays(9) });
        overlapping.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await overlapping.Content.ReadAsStringAsync()).ShouldContain("tidak boleh tumpang tindih");
        (await (await As("admin")).PostAsJsonAsync($"/api/organization/people/{kasubbag}/acting",
            new { positionId = kabagOr, kind = "Plh", from = today, until = today.AddDays(2) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!
            .People.Single(p => p.Id == analis).Acting.ShouldBeEmpty();

        // A bearer token keeps one identity across the clock move; claims are rebuilt on every request.
        var token = await ReadAsync<IssuedApiToken>(await (await App.SignInAsync("kasubbag.tu")).PostAsJsonAsync("/api/me/tokens", new { name = "uji" }));
        var plh = App.CreateClient();
        plh.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        (await plh.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var me = await plh.GetFromJsonAsync<Me>("/api/me", ArsipApp.Json);
        me!.Positions.ShouldContain(kabagOr);

        // The shared clock only moves forward: keep such moves small (other tests use fixed dates).
        App.Clock.Advance(TimeSpan.FromDays(3));
        (await plh.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Endpoints_enforce_their_role_policies()
    {
        (await (await As("kadinkes")).PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("ROLE/1"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("registrar")).PostAsJsonAsync("/api/organization/units", new { code = "X", name = "Unit X" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("registrar")).GetAsync("/api/incoming-letters/summary")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("admin")).PostAsJsonAsync("/api/organization/units", new { code = "Bappeda", name = "Badan Perencanaan" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Api_tokens_are_shown_once_work_as_bearer_and_stop_when_revoked()
    {
        var issued = await (await As("registrar")).PostAsJsonAsync("/api/me/tokens", new { name = "pemindai" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await ReadAsync<IssuedApiToken>(issued);

        var bearer = App.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        (await bearer.GetFromJsonAsync<Me>("/api/me", ArsipApp.Json))!.Name.ShouldBe("Budi Santoso");
        (await bearer.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("TOKEN/1"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var listed = await (await As("registrar")).GetStringAsync("/api/me/tokens");
        listed.ShouldNotContain(token.Token);
        var revoked = await (await As("registrar")).DeleteAsync($"/api/me/tokens/{token.Id}");
        revoked.StatusCode.ShouldBe(HttpStatusCode.NoContent, await revoked.Content.ReadAsStringAsync());
        (await bearer.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var forged = App.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token[..^2] + "xx");
        (await forged.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var client = App.CreateClient();
        for (var i = 0; i < SignInHandler.MaxFailedAttempts; i++)
            (await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "arsiparis", password = "salah-sandi-123" }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var locked = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "arsiparis", password = ArsipApp.DemoPassword });
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("terkunci");

        // the lockout is on the person's record too, so a throttle that forgot (its failures gone) still refuses
        await using (var connection = (Npgsql.NpgsqlConnection)App.Store.Storage.Database.CreateConnection())
        {
            await connection.OpenAsync();
            await using var forget = new Npgsql.NpgsqlCommand($"delete from {ArsipStore.Schema}.{SignInThrottle.Table}", connection);
            await forget.ExecuteNonQueryAsync();
        }
        var elsewhere = await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "arsiparis", password = ArsipApp.DemoPassword });
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(elsewhere.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, (int)SignInHandler.LockoutTime.TotalSeconds);

        App.Clock.Advance(SignInHandler.LockoutTime + TimeSpan.FromMinutes(1));
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { agency = "kota-bekasi", userName = "arsiparis", password = ArsipApp.DemoPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}

public class ExplicitGrantTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task A_secret_letters_holder_grants_one_person_access_and_reads_of_it_are_recorded()
    {
        var chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var body = System.Text.Json.JsonSerializer.SerializeToNode(RegisteringIncomingLettersTests.Letter("GRANT/1", securityLevel: "Rahasia"), ArsipApp.Json)!.AsObject();
        body["addresseePositionId"] = chart.Positions.Single(p => p.Title == "Kepala Bagian Organisasi").Id.ToString();
        var letter = (await ReadAsync<RegisterIncomingLetterResponse>(await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body))).Id;
        var analis = chart.People.Single(p => p.UserName == "analis").Id;
        var kadinkes = chart.People.Single(p => p.UserName == "kadinkes").Id;
        (await (await As("analis")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await (await As("auditor")).PostAsJsonAsync($"/api/incoming-letters/{letter}/grants", new { personId = analis, reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await As("kabag.or")).PostAsJsonAsync($"/api/incoming-letters/{letter}/grants", new { personId = analis })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await As("kabag.or")).PostAsJsonAsync($"/api/incoming-letters/{letter}/grants", new { personId = analis, reason = "Menyusun telaahan staf" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await (await As("analis")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await As("analis")).PostAsJsonAsync($"/api/incoming-letters/{letter}/grants", new { personId = kadinkes, reason = "teruskan" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("kadinkes")).GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Both reads of the secret letter (by kabag.or while granting does not count: only GETs) end up in its history.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Arsip.Audit.HistoryEntry[] history;
        do
        {
            await Task.Delay(200);
            history = (await (await As("kabag.or")).GetFromJsonAsync<Arsip.Audit.HistoryEntry[]>($"/api/letters/{letter}/history", ArsipApp.Json))!;
        } while (history.Count(h => h.Type == "secret_letter_read") < 1 && DateTime.UtcNow < deadline);
        history.Select(h => h.Type).ShouldContain("letter_access_granted");
        history.Where(h => h.Type == "secret_letter_read").ShouldNotBeEmpty();
        history.Where(h => h.Type == "secret_letter_read").ShouldAllBe(h => h.Data.ToString()!.Contains("Rina Marlina"));
    }
}

public class ReorganizationTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task Moving_a_position_and_reassigning_a_person_change_what_they_see_from_the_next_request()
    {
        var admin = await As("admin");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var kabagOr = chart.Positions.Single(p => p.Title == "Kepala Bagian Organisasi");
        var kabagHukum = chart.Positions.Single(p => p.Title == "Kepala Bagian Hukum").Id;
        var analis = chart.People.Single(p => p.UserName == "analis").Id;
        var body = System.Text.Json.JsonSerializer.SerializeToNode(RegisteringIncomingLettersTests.Letter("REORG/1", securityLevel: "Rahasia"), ArsipApp.Json)!.AsObject();
        body["addresseePositionId"] = kabagHukum.ToString();
        var letter = (await ReadAsync<RegisterIncomingLetterResponse>(await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", body))).Id;
        var client = await As("analis");
        (await client.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await admin.PutAsJsonAsync($"/api/organization/people/{analis}/position", new { positionId = kabagHukum })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/incoming-letters/{letter}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PutAsJsonAsync($"/api/organization/positions/{kabagOr.Id}/placement", new { unitId = kabagOr.UnitId, reportsTo = kabagOr.Id })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PutAsJsonAsync($"/api/organization/positions/{kabagOr.Id}/placement", new { unitId = kabagOr.UnitId, reportsTo = kabagHukum })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!.Positions.Single(p => p.Id == kabagOr.Id).ReportsTo.ShouldBe(kabagHukum);
        (await client.PutAsJsonAsync($"/api/organization/people/{analis}/position", new { positionId = kabagOr.Id })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public class RegisteringPeopleTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task The_same_user_name_registered_at_once_is_created_once_and_the_others_get_409()
    {
        var admin = await As("admin");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => admin.PostAsJsonAsync("/api/organization/people",
            new { userName = "staf.kembar", fullName = $"Staf Kembar {i}", password = "rahasia-kembar-2026" })));

        // most are caught by the unique index, not the check before the write (they raced past it): still 409, never 500
        responses.Select(r => r.StatusCode).ShouldAllBe(status => status == HttpStatusCode.Created || status == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            (await refused.Content.ReadAsStringAsync()).ShouldContain("\"status\":409");
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        chart.People.Count(p => p.UserName == "staf.kembar").ShouldBe(1);
    }

    [Theory]
    [InlineData(64, HttpStatusCode.Created)]
    [InlineData(65, HttpStatusCode.BadRequest)]
    [InlineData(200_000, HttpStatusCode.BadRequest)] // once a 500: too long for the unique index on user names
    public async Task A_user_name_is_at_most_64_characters_and_a_longer_one_is_refused_without_writing(int length, HttpStatusCode expected)
    {
        var admin = await As("admin");
        var userName = new string('é', length);

        var response = await admin.PostAsJsonAsync("/api/organization/people", new { userName, fullName = "Staf Panjang", password = "rahasia-panjang-2026" });

        response.StatusCode.ShouldBe(expected);
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        chart.People.Count(p => p.UserName == userName).ShouldBe(expected == HttpStatusCode.Created ? 1 : 0);
    }

    [Theory]
    [InlineData("staf umum")]
    [InlineData(".staf")]
    [InlineData("staf/umum")]
    public async Task A_user_name_with_spaces_or_punctuation_is_refused(string userName)
    {
        var response = await (await As("admin")).PostAsJsonAsync("/api/organization/people", new { userName, fullName = "Staf", password = "rahasia-panjang-2026" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("userName");
    }
}
