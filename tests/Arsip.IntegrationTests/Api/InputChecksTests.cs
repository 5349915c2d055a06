using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;

namespace Arsip.IntegrationTests.Api;

/// <summary>The findings of issue #13, one test each: every one is a 400 with a ProblemDetails body and writes nothing.</summary>
public class InputChecksTests(ArsipApp app) : DispositionTest(app)
{
    private JsonObject Letter(string number, string letterDate = "2026-11-20", string receivedOn = "2026-11-23") => new()
    {
        ["sender"] = "Dinas Pemeriksa", ["senderLetterNumber"] = number, ["letterDate"] = letterDate, ["receivedOn"] = receivedOn,
        ["subject"] = "Uji masukan", ["classification"] = "400.7", ["securityLevel"] = "Biasa", ["urgency"] = "Biasa",
    };

    /// <summary>Sends a request and asserts a 400 ProblemDetails naming <paramref name="field"/>, with nothing stored.</summary>
    private async Task RefusedAsync(HttpClient client, HttpMethod method, string url, string json, string field)
    {
        await As("registrar"); await As("walikota"); // sessions first: signing in writes an event
        var rows = new StoredRows(App.ConnectionString);
        var before = await rows.CountAsync();

        var response = await client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        // Named in the errors, or in the detail of a value the JSON reader refused ("Path: $.securityLevel").
        JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().ShouldBe(400);
        text.ShouldContain(field);
        (await rows.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_null_body_is_400_on_every_kind_of_json_post_sign_in_included()
    {
        await RefusedAsync(Anonymous, HttpMethod.Post, "/api/auth/sign-in", "null", "body");
        await RefusedAsync(await As("registrar"), HttpMethod.Post, "/api/incoming-letters", "null", "body");
        await RefusedAsync(await As("registrar"), HttpMethod.Post, "/api/me/tokens", "null", "body");
        await RefusedAsync(await As("walikota"), HttpMethod.Post, $"/api/letters/{await LetterToAsync("walikota")}/dispositions", "null", "body");
    }

    [Theory]
    [InlineData("99")]
    [InlineData("\"99\"")]
    [InlineData("\"Biasa, Rahasia\"")]
    public async Task A_security_level_that_names_no_level_is_400(string level)
    {
        var letter = Letter($"SIFAT/{level.GetHashCode():x}");
        var json = letter.ToJsonString().Replace("\"securityLevel\":\"Biasa\"", $"\"securityLevel\":{level}");

        await RefusedAsync(await As("registrar"), HttpMethod.Post, "/api/incoming-letters", json, "securityLevel");
    }

    [Fact]
    public async Task A_correction_to_a_security_level_that_names_no_level_is_400()
    {
        var registered = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", Letter("SIFAT/KOREKSI"));
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await RefusedAsync(await As("registrar"), HttpMethod.Put, $"/api/incoming-letters/{id}", """{"changes":{"securityLevel":"99"},"reason":"uji"}""", "securityLevel");
        await RefusedAsync(await As("registrar"), HttpMethod.Put, $"/api/incoming-letters/{id}", """{"changes":{"letterDate":"0001-01-01"},"reason":"uji"}""", "letterDate");
        await RefusedAsync(await As("registrar"), HttpMethod.Put, $"/api/incoming-letters/{id}", """{"changes":{"letterDate":"2026-11-24"},"reason":"uji"}""", "letterDate");
    }

    [Theory]
    [InlineData("0001-01-01", "0001-01-01", "letterDate")]
    [InlineData("1945-08-16", "2026-11-23", "letterDate")]
    [InlineData("2026-11-20", "0001-01-01", "receivedOn")]
    public async Task Letter_and_received_dates_before_1945_08_17_are_400(string letterDate, string receivedOn, string field)
    {
        await RefusedAsync(await As("registrar"), HttpMethod.Post, "/api/incoming-letters", Letter($"TGL/{letterDate}/{receivedOn}", letterDate, receivedOn).ToJsonString(), field);
    }

    /// <summary>09:00 in Jakarta on the day that many years and days after the app clock's today (other test classes move the clock).</summary>
    private string Ahead(int years, int days) =>
        new DateTimeOffset(DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime).AddYears(years).AddDays(days), new TimeOnly(9, 0), TimeSpan.FromHours(7)).ToString("O");

    [Theory]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("ahead")]
    [InlineData("0001-01-01T00:00:00Z")]
    public async Task A_disposition_deadline_out_of_bounds_is_400(string deadline)
    {
        var letter = await LetterToAsync("walikota");
        var slip = JsonSerializer.SerializeToNode(await Slip(["sekda"]), ArsipApp.Json)!.AsObject();
        slip["deadline"] = deadline == "ahead" ? Ahead(5, 1) : deadline;

        await RefusedAsync(await As("walikota"), HttpMethod.Post, $"/api/letters/{letter}/dispositions", slip.ToJsonString(), "deadline");
    }

    [Fact]
    public async Task A_deadline_within_five_years_is_still_accepted()
    {
        var letter = await LetterToAsync("walikota");
        var slip = JsonSerializer.SerializeToNode(await Slip(["sekda"]), ArsipApp.Json)!.AsObject();
        slip["deadline"] = Ahead(5, 0);

        var response = await (await As("walikota")).PostAsync($"/api/letters/{letter}/dispositions", new StringContent(slip.ToJsonString(), Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_null_recipient_or_instruction_is_400()
    {
        var letter = await LetterToAsync("walikota");
        var slip = JsonSerializer.SerializeToNode(await Slip(["sekda"]), ArsipApp.Json)!.AsObject();

        slip["recipients"] = new JsonArray((JsonNode?)null);
        await RefusedAsync(await As("walikota"), HttpMethod.Post, $"/api/letters/{letter}/dispositions", slip.ToJsonString(), "recipients[0]");
        slip["recipients"] = new JsonArray(new JsonObject { ["positionId"] = (await PositionOf("sekda")).ToString() });
        slip["instructions"] = new JsonArray("TINDAK_LANJUTI", null);
        await RefusedAsync(await As("walikota"), HttpMethod.Post, $"/api/letters/{letter}/dispositions", slip.ToJsonString(), "instructions[1]");
    }

    [Fact]
    public async Task Text_with_a_nul_character_is_400()
    {
        var letter = Letter("NUL/1");
        letter["subject"] = "Uji\u0000masukan";

        await RefusedAsync(await As("registrar"), HttpMethod.Post, "/api/incoming-letters", letter.ToJsonString(), "subject");
    }
}
