using Arsip.Organization;
using JasperFx.CommandLine;

namespace Arsip.Onboarding;

public static class OperatorAccounts
{
    /// <summary>An operator is a person of the installation's tenant; the rules on user names and passwords are an agency person's.</summary>
    public static async Task<Decision> CreateAsync(IDocumentStore store, ArsipClock clock, string userName, string fullName, string password, CancellationToken ct)
    {
        // a command on the server, with no request and no bus: the one write outside a handler here
        await using var session = store.LightweightSession(Installation.Tenant);
        var taken = await session.Query<Person>().AnyAsync(p => p.UserName == userName.Trim(), ct);
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var decision = RegisterPersonHandler.Decide(new RegisterPersonCommand(id, new RegisterPerson(userName, fullName, null, null, password, null)),
            positionExists: false, userNameTaken: taken, clock.Today, Credentials.Hash);
        if (decision.Refused) return decision;
        session.Events.StartStream<Person>(id, decision.Events);
        await session.SaveChangesAsync(ct);
        return decision;
    }
}

public sealed class OperatorInput : NetCoreInput
{
    [Description("create: a new installation operator (the password is read from standard input, or asked for)")]
    public string Action { get; set; } = "";

    [Description("The operator's full name")]
    public string NameFlag { get; set; } = "";

    [Description("The user name to sign in with (agency 'instalasi'); default: operator")]
    public string UserFlag { get; set; } = "operator";
}

[Description("Create an installation operator, who creates and suspends agencies: operator create --name \"...\" [--user operator]", Name = "operator")]
public sealed class OperatorCommand : JasperFxAsyncCommand<OperatorInput>
{
    public override async Task<bool> Execute(OperatorInput input)
    {
        if (input.Action != "create" || string.IsNullOrWhiteSpace(input.NameFlag))
        {
            Console.Error.WriteLine("Usage: operator create --name \"Full Name\" [--user operator]   (password on standard input or at the prompt)");
            return false;
        }
        var password = ReadPassword();
        if (password is null)
        {
            Console.Error.WriteLine("No password given (standard input was empty).");
            return false;
        }
        using var host = input.BuildHost();
        var decision = await OperatorAccounts.CreateAsync(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<ArsipClock>(),
            input.UserFlag, input.NameFlag, password, CancellationToken.None);
        if (decision.Refusal is { } problem)
        {
            var errors = problem is ValidationProblemDetails v ? string.Join(" ", v.Errors.SelectMany(e => e.Value)) : problem.Detail;
            Console.Error.WriteLine($"Operator not created: {errors}");
            return false;
        }
        Console.WriteLine($"Operator {input.UserFlag.Trim()} created: sign in at /masuk with agency '{Installation.Tenant}'.");
        return true;
    }

    /// <summary>One line from a pipe, or typed twice without echo at a terminal.</summary>
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine()?.TrimEnd('\r', '\n') is { Length: > 0 } line ? line : null;
        var first = Prompt("Password: ");
        var second = Prompt("Again: ");
        if (first == second) return first.Length > 0 ? first : null;
        Console.Error.WriteLine("The two passwords differ.");
        return null;

        static string Prompt(string label)
        {
            Console.Write(label);
            var text = new System.Text.StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
                if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
                else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
            Console.WriteLine();
            return text.ToString();
        }
    }
}
