using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Microsoft.Extensions.Configuration;

namespace Arsip.Tests.Access;

public class SessionsAndThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static Person Someone() => Person.Create(new PersonRegistered(Guid.NewGuid(), "analis", "Analis", null, null, "hash"));

    [Fact]
    public void A_password_change_comes_with_a_new_session_stamp()
    {
        var person = Someone();
        var events = ChangePasswordEndpoint.Decide(person, "new-hash", "stamp-2", Now);
        events.OfType<PasswordChanged>().ShouldHaveSingleItem().PasswordHash.ShouldBe("new-hash");
        events.OfType<SessionsEnded>().ShouldHaveSingleItem().ShouldBe(new SessionsEnded(person.Id, "stamp-2", SessionEndReason.PasswordChanged, Now));
        person.Apply(events.OfType<SessionsEnded>().Single());
        person.SessionStamp.ShouldBe("stamp-2");
    }

    [Fact]
    public void A_person_is_deactivated_once_and_their_sessions_end_with_it()
    {
        var person = Someone();
        var events = DeactivatePersonEndpoint.Decide(person, "Pensiun", "stamp-2", Now);
        events.Select(e => e.GetType()).ShouldBe([typeof(PersonDeactivated), typeof(SessionsEnded)]);
        person.Apply((PersonDeactivated)events[0]);
        person.DeactivatedAt.ShouldBe(Now);
        DeactivatePersonEndpoint.Decide(person, "Pensiun", "stamp-3", Now).ShouldBeEmpty();
    }

    [Fact]
    public void An_administrator_may_not_deactivate_themselves()
    {
        var person = Someone();
        DeactivatePersonEndpoint.RefusalOf(person, new Caller("kota-bekasi", person.Id, "x", [], [], [Role.Administrator]))!.Status.ShouldBe(409);
        DeactivatePersonEndpoint.RefusalOf(person, new Caller("kota-bekasi", Guid.NewGuid(), "x", [], [], [Role.Administrator])).ShouldBeNull();
    }

    [Fact]
    public void New_session_stamps_differ()
    {
        Enumerable.Range(0, 100).Select(_ => Credentials.NewSessionStamp()).Distinct().Count().ShouldBe(100);
    }

    [Fact]
    public void The_throttle_counts_failures_over_a_sliding_window()
    {
        var time = new ManualTime { Now = Now };
        var throttle = new SignInThrottle(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Arsip:SignIn:AccountFailures"] = "3", ["Arsip:SignIn:AddressFailures"] = "5", ["Arsip:SignIn:WindowMinutes"] = "10",
        }).Build(), new ArsipClock(time));
        var account = SignInThrottle.AccountKey("kota-bekasi", "Analis ");
        SignInThrottle.AccountKey("KOTA-BEKASI", "analis").ShouldBe(account, "names compare as the sign-in does, trimmed, any case");

        throttle.Failed(account, "address/a");
        time.Now += TimeSpan.FromMinutes(4);
        throttle.Failed(account, "address/a");
        throttle.Failed(account, "address/a");
        throttle.RetryAfter(account, "address/b").ShouldBe(TimeSpan.FromMinutes(6), "until the first failure leaves the window");
        time.Now += TimeSpan.FromMinutes(6);
        throttle.RetryAfter(account, "address/b").ShouldBeNull();

        throttle.Failed(account, "address/a");
        throttle.Failed(account, "address/a");
        throttle.Failed("account/other", "address/a");
        throttle.RetryAfter("account/third", "address/a").ShouldBe(TimeSpan.FromMinutes(4), "the address's five failures: the first two (at minute 4) leave in 4 minutes");
        throttle.Succeeded(account);
        throttle.RetryAfter(account, "address/b").ShouldBeNull("a success clears the account");
        throttle.RetryAfter(account, "address/a").ShouldNotBeNull("but not the address");
    }

    [Theory]
    [InlineData("--Arsip:DataDirectory=/p", true)]
    [InlineData("--ConnectionStrings:Arsip=Host=x;Database=y", true)]
    [InlineData("--agency", false)]
    [InlineData("--agency=kota-bekasi", false)]
    [InlineData("kota-bekasi", false)]
    [InlineData("-a:b=c", false)]
    [InlineData("--=a:b", false)]
    public void Settings_are_told_from_command_arguments(string arg, bool setting) =>
        CommandLineSettings.IsSetting(arg).ShouldBe(setting);

    [Fact]
    public void A_command_keeps_its_own_arguments_in_order()
    {
        CommandLineSettings.CommandArguments(["--Arsip:DataDirectory=/p", "verify", "--agency", "x", "--ConnectionStrings:Arsip=Host=h", "--letter", "y"])
            .ShouldBe(["verify", "--agency", "x", "--letter", "y"]);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
