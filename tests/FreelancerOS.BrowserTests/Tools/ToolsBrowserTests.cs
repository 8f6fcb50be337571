using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Tools;

[Collection(BrowserCollection.Name)]
public sealed class ToolsBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Resource_TickATodo_IsSavedAndStillTickedAfterReload()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/resources/create");
        await page.FillAsync("input[name=Name]", "Quarter end");
        await page.FillAsync("input[name=Topic]", "Taxes");
        await page.FillAsync("textarea[name=Body]", "# Quarter end\n\n- [ ] Send invoices\n- [ ] File VAT\n- [ ] Pay VAT");
        await page.ClickAsync("#resource-form button[type=submit]");
        await page.WaitForURLAsync("**/resources/details/*");

        // Ticking is one click: htmx posts it and swaps the body in; the keyboard focus stays on the box.
        await page.Locator("#task-1").CheckAsync();
        await Assertions.Expect(page.Locator("#resource-body[data-version='1']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#task-1")).ToBeFocusedAsync();
        await page.Locator("#task-2").CheckAsync();
        await Assertions.Expect(page.Locator("#resource-body[data-version='2']")).ToHaveCountAsync(1);

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#task-0")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#task-1")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#task-2")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("[data-role=task-count]")).ToHaveTextAsync("2 of 3 to-dos done");

        await page.Locator("#task-1").UncheckAsync();
        await Assertions.Expect(page.Locator("#resource-body[data-version='3']")).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#task-1")).Not.ToBeCheckedAsync();
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Goals_FormShowsTheFieldsOfItsFigure_AndTheListDrawsProgress()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/goals/create");
        await Assertions.Expect(page.Locator("input[name=Progress]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("select[name=TrackedClientId]")).ToBeHiddenAsync();
        await page.SelectOptionAsync("select[name=Tracking]", "IncomeThisYear");
        await Assertions.Expect(page.Locator("input[name=Progress]")).ToBeHiddenAsync();
        await page.SelectOptionAsync("select[name=Tracking]", "Manual");
        await page.FillAsync("input[name=Name]", "Read 10 books");
        await page.FillAsync("input[name=Category]", "Reading");
        await page.FillAsync("input[name=TargetValue]", "10");
        await page.FillAsync("input[name=Unit]", "books");
        await page.FillAsync("input[name=Progress]", "3");
        await page.ClickAsync("#goal-form button[type=submit]");
        await page.WaitForURLAsync("**/goals/details/*");
        await Assertions.Expect(page.Locator("[data-role=percent]")).ToHaveTextAsync("· 30%");

        await page.GotoAsync("/goals");
        await Assertions.Expect(page.Locator("progress.goal-progress")).ToHaveAttributeAsync("value", "30");
        var box = await page.Locator("progress.goal-progress").BoundingBoxAsync();
        Assert.True(box is { Width: > 50 });
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task ToolsPages_HaveNoSeriousAxeViolations()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/resources/create");
        await page.FillAsync("input[name=Name]", "Axe checklist");
        await page.FillAsync("input[name=Topic]", "Budgeting");
        await page.FillAsync("input[name=Link]", "https://example.com");
        await page.FillAsync("textarea[name=Body]", "## Steps\n\n- [ ] One\n- [x] Two\n\n[A link](https://example.com) and `code`.");
        await page.ClickAsync("#resource-form button[type=submit]");
        await page.WaitForURLAsync("**/resources/details/*");
        var resource = page.Url;

        await page.GotoAsync("/goals/create");
        await page.FillAsync("input[name=Name]", "Axe goal");
        await page.FillAsync("input[name=Category]", "Health");
        await page.FillAsync("input[name=TargetValue]", "10");
        await page.FillAsync("input[name=Progress]", "12");
        await page.FillAsync("input[name=TargetDate]", "2027-01-01");
        await page.ClickAsync("#goal-form button[type=submit]");
        await page.WaitForURLAsync("**/goals/details/*");
        var goal = page.Url;

        var problems = new List<string>();
        foreach (var url in new[] { "/resources", "/resources/create", resource, resource.Replace("details", "edit"), resource.Replace("details", "delete"),
                     "/goals", "/goals/create", goal, goal.Replace("details", "edit"), goal.Replace("details", "delete"), "/" })
        {
            await page.GotoAsync(url);
            problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{url} {v}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
