
namespace Arsip.ReferenceData;

public static class GetCalendarEndpoint
{
    [WolverineGet("/api/calendar")]
    [Tags("Data referensi")]
    [EndpointSummary("The agency's working calendar (version 0 = the defaults: Monday to Friday, no holidays)")]
    public static async Task<CalendarResponse> Get(IQuerySession session, CancellationToken ct) =>
        CalendarResponse.From(await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream, ct));
}
