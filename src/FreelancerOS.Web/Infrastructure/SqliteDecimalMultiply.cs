using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using static FreelancerOS.Web.Infrastructure.SqliteNative;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// EF Core multiplies decimals (stored as text) with its own function, <c>ef_multiply</c>, through
/// Microsoft.Data.Sqlite's managed delegate plumbing: each row reads both arguments into new strings, parses
/// them, boxes the result and writes it back as a new string. A flat service's amount (rate × quantity) is
/// such a product on every row of the dashboard's unbilled work. This registers the same function (same name,
/// same result: the exact decimal product as invariant text, NULL when an argument is NULL) straight on the
/// SQLite library, parsing the text where it lies, the way <see cref="SqliteDecimalSum"/> replaces ef_sum.
/// </summary>
internal static unsafe class SqliteDecimalMultiply
{
    /// <summary>How Microsoft.Data.Sqlite reads a decimal from text (EF's own ef_multiply reads its arguments so).</summary>
    private const NumberStyles Styles = NumberStyles.Number | NumberStyles.AllowExponent;

    public static void Register(SqliteConnection connection)
    {
        fixed (byte* name = "ef_multiply\0"u8)
        {
            var rc = sqlite3_create_function_v2(connection.Handle!.DangerousGetHandle(), name, 2, Utf8 | Deterministic, IntPtr.Zero,
                &Multiply, null, null, IntPtr.Zero);
            if (rc != 0) throw new InvalidOperationException($"SQLite refused to register ef_multiply (error {rc}).");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Multiply(IntPtr context, int count, IntPtr* values)
    {
        // An exception must not leave a callback from native code: every failure becomes the statement's error.
        try
        {
            if (!TryReadDecimal(values[0], Styles, out var left, out var leftNull) || !TryReadDecimal(values[1], Styles, out var right, out var rightNull))
            {
                Error(context, "ef_multiply: a value is not a decimal number."u8);
                return;
            }
            if (leftNull || rightNull)
                sqlite3_result_null(context);
            else if (!TryResultDecimal(context, left * right))
                Error(context, "ef_multiply: the product failed."u8);
        }
        catch (OverflowException)
        {
            Error(context, "ef_multiply: the product is out of the decimal range."u8);
        }
        catch (Exception)
        {
            Error(context, "ef_multiply: the product failed."u8);
        }
    }
}
