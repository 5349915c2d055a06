using Arsip.Infrastructure;

namespace Arsip.Access;

/// <summary>Failures per account (real or not, so a refusal reveals no names) and per address; only failures count, so an office signing many in from one address is never slowed.
/// In memory per node; the lockout on the person's record holds across nodes and restarts.</summary>
public sealed class SignInThrottle(IConfiguration configuration, ArsipClock clock)
{
    public int AccountLimit { get; } = configuration.GetValue("Arsip:SignIn:AccountFailures", SignInHandler.MaxFailedAttempts);
    public int AddressLimit { get; } = configuration.GetValue("Arsip:SignIn:AddressFailures", 30);
    public TimeSpan Window { get; } = TimeSpan.FromMinutes(configuration.GetValue("Arsip:SignIn:WindowMinutes", 15));

    private readonly Dictionary<string, Queue<DateTimeOffset>> failures = [];

    public static string AccountKey(string agency, string userName) => $"account/{agency.Trim().ToLowerInvariant()}/{userName.Trim().ToLowerInvariant()}";
    public static string AddressKey(HttpContext http) => $"address/{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";

    public TimeSpan? RetryAfter(string account, string address)
    {
        var now = clock.GetUtcNow();
        lock (failures)
        {
            var wait = new[] { Wait(account, AccountLimit, now), Wait(address, AddressLimit, now) }.Max();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    public void Failed(string account, string address)
    {
        var now = clock.GetUtcNow();
        lock (failures)
        {
            if (failures.Count > 100_000) Prune(now); // a bound on memory under a spray of names, not a policy
            foreach (var key in new[] { account, address })
            {
                if (!failures.TryGetValue(key, out var times)) failures[key] = times = new Queue<DateTimeOffset>();
                times.Enqueue(now);
            }
        }
    }

    public void Succeeded(string account)
    {
        lock (failures) failures.Remove(account);
    }

    public void Clear()
    {
        lock (failures) failures.Clear();
    }

    private TimeSpan Wait(string key, int limit, DateTimeOffset now)
    {
        if (!failures.TryGetValue(key, out var times)) return TimeSpan.Zero;
        while (times.Count > 0 && times.Peek() + Window <= now) times.Dequeue();
        if (times.Count == 0) failures.Remove(key);
        // the oldest failures leave the window first; once fewer than the limit remain, one more attempt is allowed
        return times.Count < limit ? TimeSpan.Zero : times.ElementAt(times.Count - limit) + Window - now;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in failures.Keys.ToList()) Wait(key, int.MaxValue, now);
    }

    public static ProblemDetails TooManyAttempts(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var minutes = (seconds + 59) / 60;
        return new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Terlalu banyak percobaan (too many attempts)",
            Detail = $"Terlalu banyak percobaan masuk yang gagal; akun terkunci sementara. Coba lagi dalam {minutes} menit " +
                     $"(too many failed sign-ins; locked for now, try again in {minutes} minutes).",
            Extensions = { ["retryAfterSeconds"] = seconds },
        };
    }

    public static IResult Answer(HttpContext http, ProblemDetails problem)
    {
        SetRetryAfter(http.Response, problem);
        return Results.Problem(problem);
    }

    /// <summary>The API's answer and the sign-in page alike tell a throttled client when to try again.</summary>
    public static void SetRetryAfter(HttpResponse response, ProblemDetails problem)
    {
        if (problem.Extensions.TryGetValue("retryAfterSeconds", out var seconds) && seconds is int wait)
            response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
