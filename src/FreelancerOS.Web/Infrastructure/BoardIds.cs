namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Board posts: ids come as repeated fields or comma-separated; anything else is a bad request. A drop always
/// lists at least the dropped card, so an empty list is refused too.
/// </summary>
public static class BoardIds
{
    public static List<int>? Parse(List<string>? ids)
    {
        var result = new List<int>();
        foreach (var part in (ids ?? []).SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, out var id) || id <= 0) return null;
            if (!result.Contains(id)) result.Add(id);
        }
        return result.Count is 0 or > 500 ? null : result;
    }
}
