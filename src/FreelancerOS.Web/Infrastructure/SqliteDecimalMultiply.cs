using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

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
    private const string Library = "e_sqlite3";
    private const int Utf8 = 1, Deterministic = 0x800;
    private const int Integer = 1, Float = 2, Null = 5;

    /// <summary>How Microsoft.Data.Sqlite reads a decimal from text, and the format it writes one with.</summary>
    private const NumberStyles Styles = NumberStyles.Number | NumberStyles.AllowExponent;
    private const string TextFormat = "0.0###########################";

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
            if (!Read(values[0], out var left, out var leftNull) || !Read(values[1], out var right, out var rightNull))
            {
                Error(context, "ef_multiply: a value is not a decimal number."u8);
                return;
            }
            if (leftNull || rightNull)
            {
                sqlite3_result_null(context);
                return;
            }
            var product = left * right;
            Span<byte> text = stackalloc byte[64];
            if (!product.TryFormat(text, out var written, TextFormat, CultureInfo.InvariantCulture))
            {
                Error(context, "ef_multiply: the product failed."u8);
                return;
            }
            fixed (byte* p = text)
                sqlite3_result_text(context, p, written, Transient);
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

    private static bool Read(IntPtr value, out decimal amount, out bool isNull)
    {
        isNull = false;
        amount = 0m;
        switch (sqlite3_value_type(value))
        {
            case Null:
                isNull = true;
                return true;
            case Integer:
                amount = sqlite3_value_int64(value);
                return true;
            case Float:
                amount = (decimal)sqlite3_value_double(value);
                return true;
            default:
                var text = new ReadOnlySpan<byte>(sqlite3_value_text(value), sqlite3_value_bytes(value));
                return decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out amount);
        }
    }

    private static void Error(IntPtr context, ReadOnlySpan<byte> message)
    {
        fixed (byte* p = message)
            sqlite3_result_error(context, p, message.Length);
    }

    /// <summary>SQLITE_TRANSIENT: SQLite copies the text before the call returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    [DllImport(Library)]
    private static extern int sqlite3_create_function_v2(IntPtr db, byte* name, int arguments, int flags, IntPtr userData,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> function, delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr*, void> step,
        delegate* unmanaged[Cdecl]<IntPtr, void> final, IntPtr destroy);

    [DllImport(Library)] private static extern int sqlite3_value_type(IntPtr value);
    [DllImport(Library)] private static extern long sqlite3_value_int64(IntPtr value);
    [DllImport(Library)] private static extern double sqlite3_value_double(IntPtr value);
    [DllImport(Library)] private static extern byte* sqlite3_value_text(IntPtr value);
    [DllImport(Library)] private static extern int sqlite3_value_bytes(IntPtr value);
    [DllImport(Library)] private static extern void sqlite3_result_text(IntPtr context, byte* text, int bytes, IntPtr destructor);
    [DllImport(Library)] private static extern void sqlite3_result_null(IntPtr context);
    [DllImport(Library)] private static extern void sqlite3_result_error(IntPtr context, byte* message, int bytes);
}
