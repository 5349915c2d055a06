using System.Globalization;
using Arsip.Correspondence;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record DeadlineResponse(Urgency Urgency, DateTimeOffset From, DateTimeOffset Deadline, DeadlineRule Rule, string TimeZone);

public static class ComputeDeadlineEndpoint
{
    [WolverineGet("/api/calendar/deadline")]
    [Tags("Data referensi")]
    [EndpointSummary("The deadline an urgency gives from a moment (default now), on the agency's calendar")]
    [EndpointDescription("urgency: Biasa | Segera | SangatSegera (Kilat, AmatSegera). from: ISO 8601, e.g. 2026-11-27T10:00:00%2B07:00; " +
                         "without an offset it is read in the agency's time zone.")]
    public static async Task<IResult> Get(IQuerySession session, ArsipClock clock, CancellationToken ct, string? urgency = null, string? from = null)
    {
        var level = ParseUrgency(urgency);
        if (level is null)
            return Results.Problem(Problems.BadRequest("urgency", "urgency wajib diisi: Biasa, Segera, SangatSegera (required)."));
        var settings = CalendarResponse.From(await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct)).Settings;
        var zone = settings.FindZone();
        DateTimeOffset start;
        if (string.IsNullOrWhiteSpace(from)) start = clock.GetUtcNow();
        else if (ParseMoment(from, zone) is { } parsed) start = parsed;
        else return Results.Problem(Problems.BadRequest("from", "from harus tanggal-waktu ISO 8601, mis. 2026-11-27T10:00:00+07:00 (not an ISO 8601 date-time)."));

        var local = TimeZoneInfo.ConvertTime(start, zone);
        var calendar = settings.ToCalendar();
        return Results.Ok(new DeadlineResponse(level.Value, local, calendar.DeadlineFor(level.Value, local), calendar.Deadlines.For(level.Value), settings.TimeZone));
    }

    public static Urgency? ParseUrgency(string? text) =>
        string.Concat((text ?? "").Where(char.IsLetter)).ToLowerInvariant() switch
        {
            "biasa" => Urgency.Biasa,
            "segera" => Urgency.Segera,
            "sangatsegera" or "amatsegera" or "kilat" => Urgency.SangatSegera,
            _ => null,
        };

    /// <summary>Without an offset it is a time in the given zone; a '+' lost to URL decoding is restored.</summary>
    public static DateTimeOffset? ParseMoment(string text, TimeZoneInfo zone)
    {
        text = text.Trim();
        if (text.Length > 19 && text[^6] == ' ') text = text[..^6] + "+" + text[^5..];
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment)) return null;
        if (moment.Kind != DateTimeKind.Unspecified)
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset : null;
        return new DateTimeOffset(moment, zone.GetUtcOffset(moment));
    }
}
