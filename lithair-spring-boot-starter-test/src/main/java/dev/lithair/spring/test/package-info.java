/**
 * Testing an application's Lithair data layer: {@link dev.lithair.spring.test.DataLithairTest @DataLithairTest},
 * the repository slice, and {@link dev.lithair.spring.test.AutoConfigureLithair @AutoConfigureLithair}, its
 * temporary store, for full contexts too. Everything else here is internal to them.
 */
package dev.lithair.spring.test;
