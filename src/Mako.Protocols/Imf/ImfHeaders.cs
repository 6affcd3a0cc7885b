using Mako.Engine.Fields;

namespace Mako.Protocols.Imf;

/// <summary>How a header's value is taken apart below its item (Wireshark's imf field formats).</summary>
public enum ImfFormat : byte { Unstructured, Mailbox, Address, MailboxList, AddressList, ContentType }

/// <summary>One known header: its field, its format, and whether it goes into the Info column.</summary>
public sealed record ImfHeader(FieldDef Field, ImfFormat Format, bool InInfo = false);

/// <summary>The headers tshark 4.0's IMF dissector knows, by lower-case name.</summary>
public static class ImfHeaders
{
    public static readonly Dictionary<string, ImfHeader> ByName = new(StringComparer.Ordinal)
    {
        ["date"] = new(ImfFields.Date, ImfFormat.Unstructured),
        ["from"] = new(ImfFields.From, ImfFormat.MailboxList, true),
        ["sender"] = new(ImfFields.Sender, ImfFormat.Mailbox),
        ["reply-to"] = new(ImfFields.ReplyTo, ImfFormat.AddressList),
        ["to"] = new(ImfFields.To, ImfFormat.AddressList),
        ["cc"] = new(ImfFields.Cc, ImfFormat.AddressList),
        ["bcc"] = new(ImfFields.Bcc, ImfFormat.AddressList),
        ["message-id"] = new(ImfFields.MessageId, ImfFormat.Unstructured),
        ["in-reply-to"] = new(ImfFields.InReplyTo, ImfFormat.Unstructured),
        ["references"] = new(ImfFields.References, ImfFormat.Unstructured),
        ["subject"] = new(ImfFields.Subject, ImfFormat.Unstructured, true),
        ["comments"] = new(ImfFields.Comments, ImfFormat.Unstructured),
        ["user-agent"] = new(ImfFields.UserAgent, ImfFormat.Unstructured),
        ["keywords"] = new(ImfFields.Keywords, ImfFormat.Unstructured),
        ["resent-date"] = new(ImfFields.ResentDate, ImfFormat.Unstructured),
        ["resent-from"] = new(ImfFields.ResentFrom, ImfFormat.MailboxList),
        ["resent-sender"] = new(ImfFields.ResentSender, ImfFormat.Mailbox),
        ["resent-to"] = new(ImfFields.ResentTo, ImfFormat.AddressList),
        ["resent-cc"] = new(ImfFields.ResentCc, ImfFormat.AddressList),
        ["resent-bcc"] = new(ImfFields.ResentBcc, ImfFormat.AddressList),
        ["resent-message-id"] = new(ImfFields.ResentMessageId, ImfFormat.Unstructured),
        ["return-path"] = new(ImfFields.ReturnPath, ImfFormat.Unstructured),
        ["received"] = new(ImfFields.Received, ImfFormat.Unstructured),
        ["content-type"] = new(ImfFields.ContentType, ImfFormat.ContentType),
        ["content-id"] = new(ImfFields.ContentId, ImfFormat.Unstructured),
        ["content-description"] = new(ImfFields.ContentDescription, ImfFormat.Unstructured),
        ["content-transfer-encoding"] = new(ImfFields.ContentTransferEncoding, ImfFormat.Unstructured),
        ["mime-version"] = new(ImfFields.MimeVersion, ImfFormat.Unstructured),
        ["autoforwarded"] = new(ImfFields.Autoforwarded, ImfFormat.Unstructured),
        ["autosubmitted"] = new(ImfFields.Autosubmitted, ImfFormat.Unstructured),
        ["x400-content-identifier"] = new(ImfFields.X400ContentIdentifier, ImfFormat.Unstructured),
        ["content-language"] = new(ImfFields.ContentLanguage, ImfFormat.Unstructured),
        ["conversion"] = new(ImfFields.Conversion, ImfFormat.Unstructured),
        ["conversion-with-loss"] = new(ImfFields.ConversionWithLoss, ImfFormat.Unstructured),
        ["delivery-date"] = new(ImfFields.DeliveryDate, ImfFormat.Unstructured),
        ["discarded-x400-ipms-extensions"] = new(ImfFields.DiscardedX400IpmsExtensions, ImfFormat.Unstructured),
        ["discarded-x400-mts-extensions"] = new(ImfFields.DiscardedX400MtsExtensions, ImfFormat.Unstructured),
        ["dl-expansion-history"] = new(ImfFields.DlExpansionHistory, ImfFormat.Unstructured),
        ["deferred-delivery"] = new(ImfFields.DeferredDelivery, ImfFormat.Unstructured),
        ["expires"] = new(ImfFields.Expires, ImfFormat.Unstructured),
        ["importance"] = new(ImfFields.Importance, ImfFormat.Unstructured),
        ["incomplete-copy"] = new(ImfFields.IncompleteCopy, ImfFormat.Unstructured),
        ["latest-delivery-time"] = new(ImfFields.LatestDeliveryTime, ImfFormat.Unstructured),
        ["message-type"] = new(ImfFields.MessageType, ImfFormat.Unstructured),
        ["original-encoded-information-types"] = new(ImfFields.OriginalEncodedInformationTypes, ImfFormat.Unstructured),
        ["originator-return-address"] = new(ImfFields.OriginatorReturnAddress, ImfFormat.Unstructured),
        ["priority"] = new(ImfFields.Priority, ImfFormat.Unstructured),
        ["reply-by"] = new(ImfFields.ReplyBy, ImfFormat.Unstructured),
        ["sensitivity"] = new(ImfFields.Sensitivity, ImfFormat.Unstructured),
        ["supersedes"] = new(ImfFields.Supersedes, ImfFormat.Unstructured),
        ["x400-content-type"] = new(ImfFields.X400ContentType, ImfFormat.Unstructured),
        ["x400-mts-identifier"] = new(ImfFields.X400MtsIdentifier, ImfFormat.Unstructured),
        ["x400-originator"] = new(ImfFields.X400Originator, ImfFormat.Unstructured),
        ["x400-received"] = new(ImfFields.X400Received, ImfFormat.Unstructured),
        ["x400-recipients"] = new(ImfFields.X400Recipients, ImfFormat.Unstructured),
        ["delivered-to"] = new(ImfFields.DeliveredTo, ImfFormat.Unstructured),
        ["x-mailer"] = new(ImfFields.ExtMailer, ImfFormat.Unstructured),
        ["x-mimeole"] = new(ImfFields.ExtMimeole, ImfFormat.Unstructured),
        ["expiry-date"] = new(ImfFields.ExtExpiryDate, ImfFormat.Unstructured),
        ["x-ms-tnef-correlator"] = new(ImfFields.ExtTnefCorrelator, ImfFormat.Unstructured),
        ["x-uidl"] = new(ImfFields.ExtUidl, ImfFormat.Unstructured),
        ["x-authentication-warning"] = new(ImfFields.ExtAuthenticationWarning, ImfFormat.Unstructured),
        ["x-virus-scanned"] = new(ImfFields.ExtVirusScanned, ImfFormat.Unstructured),
        ["x-original-to"] = new(ImfFields.ExtOriginalTo, ImfFormat.Unstructured),
        ["thread-index"] = new(ImfFields.ThreadIndex, ImfFormat.Unstructured),
        ["lines"] = new(ImfFields.Lines, ImfFormat.Unstructured),
        ["precedence"] = new(ImfFields.Precedence, ImfFormat.Unstructured),
    };
}
