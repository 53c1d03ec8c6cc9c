package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    @Test
    void rangeContainsExactlyItsPrefix() throws Exception {
        AddressRange ten = AddressRange.parse("10.0.0.0/8").orElseThrow();
        assertTrue(ten.contains(InetAddress.getByName("10.255.3.4")));
        assertFalse(ten.contains(InetAddress.getByName("11.0.0.1")));
        AddressRange odd = AddressRange.parse("192.168.4.0/22").orElseThrow();
        assertTrue(odd.contains(InetAddress.getByName("192.168.7.255")));
        assertFalse(odd.contains(InetAddress.getByName("192.168.8.0")));
        assertFalse(odd.contains(InetAddress.getByName("::1")), "an IPv6 address is never in an IPv4 range");
    }

    @Test
    void singleAddressAndIpv6() throws Exception {
        AddressRange one = AddressRange.parse("192.0.2.7").orElseThrow();
        assertTrue(one.contains(InetAddress.getByName("192.0.2.7")));
        assertFalse(one.contains(InetAddress.getByName("192.0.2.8")));
        AddressRange ula = AddressRange.parse("fd00::/8").orElseThrow();
        assertTrue(ula.contains(InetAddress.getByName("fd12:3456::1")));
        assertFalse(ula.contains(InetAddress.getByName("fe80::1")));
        assertTrue(AddressRange.parse("0.0.0.0/0").orElseThrow().contains(InetAddress.getByName("203.0.113.9")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/8/8", "", "::1/129", "1.2.3",
            "300.1.1.1", "1.2.3.256", "010.1.1.1"})
    void refusedWithoutAnyLookUp(String text) {
        assertTrue(AddressRange.parse(text).isEmpty(), text);
    }
}
