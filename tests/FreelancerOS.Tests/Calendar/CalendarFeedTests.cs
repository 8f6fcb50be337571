using System.Net;
using FreelancerOS.Tests.Infrastructure;
using static FreelancerOS.Tests.Calendar.CalendarSteps;

namespace FreelancerOS.Tests.Calendar;

public sealed class CalendarFeedTests(TestApp app) : IClassFixture<TestApp>
{
    private static async Task<string> RegenerateAsync(AppClient client)
    {
        var settings = await client.GetPageAsync("/settings");
        var response = await client.SubmitAsync(settings, "form[action='/calendar/regeneratefeed']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync("/settings");
        var url = page.QuerySelector("[data-role=feed-url]")!.GetAttribute("value")!;
        Assert.Contains("/calendar/feed/", url);
        // Shown once only: the address is stored hashed.
        Assert.Null((await client.GetPageAsync("/settings")).QuerySelector("[data-role=feed-url]"));
        return new Uri(url).PathAndQuery;
    }

    [Fact]
    public async Task Feed_ParsesBackWithTheSameEventsAndTimeZone_WithoutSigningIn()
    {
        var client = await app.SignedInClientAsync();
        await SetTimeZoneAsync(client, "Europe/Berlin");
        var a = await CreateMeetingAsync(client, "Winter call", "2026-01-15T09:00", "2026-01-15T10:00", new Dictionary<string, string>
        {
            ["Agenda"] = "Budget; taxes, etc.", ["Medium"] = "Zoom", ["Links"] = "https://zoom.example.com/j/1", ["Priority"] = "High",
        });
        var b = await CreateMeetingAsync(client, "Summer call", "2026-07-15T23:30", "2026-07-16T00:30");
        var path = await RegenerateAsync(client);

        using var anonymous = app.NewClient();
        var response = await anonymous.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;

        Assert.Equal(["Europe/Berlin"], calendar.TimeZones.Select(z => z.TzId!).ToArray());
        var events = calendar.Events.OrderBy(e => e.Summary).ToList();
        Assert.Equal(["Summer call", "Winter call"], events.Select(e => e.Summary!).ToArray());
        var summer = events[0];
        Assert.Equal($"meeting-{b}@freelanceros", summer.Uid);
        Assert.Equal("Europe/Berlin", summer.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 7, 15, 23, 30, 0), summer.DtStart.Value);
        Assert.Equal(new DateTime(2026, 7, 15, 21, 30, 0, DateTimeKind.Utc), summer.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 7, 15, 22, 30, 0, DateTimeKind.Utc), summer.DtEnd!.AsUtc);
        var winter = events[1];
        Assert.Equal($"meeting-{a}@freelanceros", winter.Uid);
        Assert.Equal(new DateTime(2026, 1, 15, 8, 0, 0, DateTimeKind.Utc), winter.DtStart!.AsUtc);
        Assert.Equal("Zoom", winter.Location);
        Assert.Equal(1, winter.Priority);
        Assert.StartsWith("Budget; taxes, etc.", winter.Description);
        Assert.Equal("https://zoom.example.com/j/1", winter.Url!.ToString());

        // One meeting on its own, for a signed-in user, is the same event.
        var single = Ical.Net.Calendar.Load(await client.Http.GetStringAsync($"/calendar/ics/{a}"))!;
        Assert.Equal("Winter call", single.Events.Single().Summary);
        Assert.Equal("Europe/Berlin", single.TimeZones.Single().TzId);
    }

    [Fact]
    public async Task Feed_WrongOrRevokedOrReplacedToken_Is404()
    {
        var client = await app.SignedInClientAsync();
        await CreateMeetingAsync(client, "Private", "2026-11-25T10:00", "2026-11-25T11:00");
        using var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/calendar/feed/not-a-token.ics")).StatusCode);

        var first = await RegenerateAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync(first.Replace(".ics", "x.ics"))).StatusCode);

        var second = await RegenerateAsync(client);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Http.GetAsync(second)).StatusCode);

        var settings = await client.GetPageAsync("/settings");
        Assert.Contains("active since", settings.QuerySelector("[data-role=feed-state]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(settings, "form[action='/calendar/revokefeed']")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync(second)).StatusCode);
        Assert.Contains("No subscription address", (await client.GetPageAsync("/settings")).QuerySelector("[data-role=feed-state]")!.TextContent);
    }

    [Fact]
    public async Task Feed_ShowsOnlyItsOwnersMeetings()
    {
        var owner = await app.SignedInClientAsync();
        await CreateMeetingAsync(owner, "Owner meeting", "2026-11-25T10:00", "2026-11-25T11:00");
        var other = await app.SignedInClientAsync();
        await CreateMeetingAsync(other, "Other meeting", "2026-11-25T10:00", "2026-11-25T11:00");
        var path = await RegenerateAsync(owner);

        // Signed in as someone else, the owner's feed still shows the owner's meetings only.
        var text = await other.Http.GetStringAsync(path);
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal(["Owner meeting"], calendar.Events.Select(e => e.Summary!).ToArray());
    }
}
